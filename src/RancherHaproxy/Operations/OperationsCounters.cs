using RancherHaproxy.Discovery;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Operations;

/// <summary>
/// The counters behind /metrics, one slot per label combination, every one present from the start
/// with 0. Incremented with Interlocked from any thread; nothing allocates.
/// </summary>
internal sealed class OperationsCounters
{
    /// <summary>The `kind` label of runtime operations: <see cref="RuntimeOperationKind"/> in snake_case, then <c>remove_server</c>.</summary>
    public static readonly string[] RuntimeKinds =
    [
        "add_server", "enable_server", "set_server_address", "ready_server", "drain_server", "add_host", "set_host", "delete_host",
        "name_backend", "add_auth", "set_auth", "delete_auth", "remove_server",
    ];

    public static readonly string[] SyncResults = ["changed", "unchanged", "failed"];

    public static readonly string[] MetadataKinds = ["unreachable", "timeout", "http_status", "invalid"];

    public static readonly string[] ReloadReasons = ["routes", "main_config", "certificates", "consolidation", "recovery"];

    /// <summary>The `result` label of reloads and runtime operations: index 0 ok, 1 failed.</summary>
    public static readonly string[] Results = ["ok", "failed"];

    /// <summary>The slot after the <see cref="RuntimeOperationKind"/> values.</summary>
    public const int RemoveServerKind = 12;

    private readonly long[] _syncs = new long[SyncResults.Length];
    private readonly long[] _metadataErrors = new long[MetadataKinds.Length];
    private readonly long[] _reloads = new long[ReloadReasons.Length * 2];
    private readonly long[] _runtimeOperations = new long[RuntimeKinds.Length * 2];

    public ApplyHistogram ApplyDuration { get; } = new();

    public void Sync(SyncResult result) => Interlocked.Increment(ref _syncs[(int)result]);

    public void MetadataError(MetadataErrorKind kind) => Interlocked.Increment(ref _metadataErrors[(int)kind]);

    public void Reload(ReloadReason reason, bool succeeded) => Interlocked.Increment(ref _reloads[((int)reason * 2) + (succeeded ? 0 : 1)]);

    public void RuntimeOperation(RuntimeOperationKind kind, bool succeeded) => RuntimeOperation((int)kind, succeeded);

    /// <param name="kind">A <see cref="RuntimeOperationKind"/> value, or <see cref="RemoveServerKind"/>.</param>
    public void RuntimeOperation(int kind, bool succeeded) => Interlocked.Increment(ref _runtimeOperations[(kind * 2) + (succeeded ? 0 : 1)]);

    public long Syncs(int result) => Interlocked.Read(ref _syncs[result]);

    public long MetadataErrors(int kind) => Interlocked.Read(ref _metadataErrors[kind]);

    public long Reloads(int reason, int result) => Interlocked.Read(ref _reloads[(reason * 2) + result]);

    public long RuntimeOperations(int kind, int result) => Interlocked.Read(ref _runtimeOperations[(kind * 2) + result]);

    /// <summary>Successful reloads of any reason (for /status).</summary>
    public long ReloadsOk()
    {
        long total = 0;
        for (var reason = 0; reason < ReloadReasons.Length; reason++)
        {
            total += Reloads(reason, 0);
        }

        return total;
    }
}

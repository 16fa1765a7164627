using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// An in-process rancher-metadata that follows reference/rancher-metadata.md, quirks included:
/// text/plain content type on JSON, JSON 404 bodies, <c>null</c> for empty lists, containers in a
/// new random order on every response, a new <c>/version</c> UUID on every publish, long polling.
/// Starts loaded with no containers; <see cref="Fault"/> switches to misbehaviours.
/// </summary>
internal sealed partial class FakeMetadataServer : IAsyncDisposable
{
    /// <summary>The environment-wide default host, i.e. what <c>/self/host</c> is for unknown callers.</summary>
    public static readonly JsonObject DefaultHost = new()
    {
        ["agent_ip"] = "127.0.0.1",
        ["agent_state"] = null,
        ["environment_uuid"] = "adbb1c2a-env",
        ["hostname"] = "e2e-host",
        ["labels"] = new JsonObject(),
        ["local_storage_mb"] = 10240,
        ["memory"] = 2048,
        ["metadata_kind"] = "host",
        ["milli_cpu"] = 2000,
        ["name"] = "e2e-host",
        ["state"] = "active",
        ["uuid"] = "host-1111",
    };

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private WebApplication? _app;
    private volatile Snapshot _snapshot = new([], null, null, NewVersion());
    private volatile MetadataFault _fault;
    private TaskCompletionSource _wake = NewWakeSignal();
    private TaskCompletionSource _requestRecorded = NewWakeSignal();

    private FakeMetadataServer()
    {
    }

    /// <summary><c>127.0.0.1:port</c>, the value for RANCHER_API_HOST.</summary>
    public string BaseHost { get; private set; } = string.Empty;

    public int Port { get; private set; }

    /// <summary>When the last <see cref="Publish(IEnumerable{JsonObject}, JsonObject?, JsonObject?)"/> made its version visible (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long PublishedAt { get; private set; }

    /// <summary>The current <c>/version</c> value.</summary>
    public string Version => _snapshot.Version;

    public MetadataFault Fault
    {
        get => _fault;
        set
        {
            _fault = value;
            WakeWaiters();
        }
    }

    /// <summary>How long a GET of <c>/containers</c> waits before its first byte (a slow server); zero by default.</summary>
    public TimeSpan ContainersDelay { get; set; }

    /// <summary>Waiters wake only on a publish or on a 5-second tick, as the real server (off: waits end at maxWait exactly).</summary>
    public bool QuantizeWaits { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts on 127.0.0.1; <paramref name="port"/> lets a test bring it up where a daemon already looks.</summary>
    public static async Task<FakeMetadataServer> StartAsync(int port = 0)
    {
        var server = new FakeMetadataServer();
        var (app, boundPort) = await LoopbackKestrel.StartAsync(IPAddress.Loopback, port, server.HandleAsync);
        server._app = app;
        server.Port = boundPort;
        server.BaseHost = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{boundPort}");
        return server;
    }

    /// <summary>
    /// Replaces the answers, as a Cattle config.update does. The version changes every time, even
    /// when the content is identical. <paramref name="selfService"/> and <paramref name="selfHost"/>
    /// are what a caller from 127.0.0.1 sees under <c>/self</c>.
    /// </summary>
    public string Publish(IEnumerable<JsonObject> containers, JsonObject? selfService = null, JsonObject? selfHost = null)
    {
        var next = new Snapshot([.. containers.Select(container => (JsonObject)container.DeepClone())], selfService, selfHost, NewVersion());
        PrepareContainersJson(next);
        _snapshot = next;
        PublishedAt = Stopwatch.GetTimestamp();
        WakeWaiters();
        return next.Version;
    }

    public string Publish(params ContainerBuilder[] containers) => Publish(containers.Select(container => container.Build()));

    /// <summary>Requests whose raw path starts with <paramref name="pathPrefix"/> (e.g. <c>/2015-12-19/containers</c>).</summary>
    public int RequestCount(string pathPrefix) => _requests.Count(request => request.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>Waits until <paramref name="count"/> requests whose path starts with <paramref name="pathPrefix"/> have come in, in all.</summary>
    public Task WaitForRequestsAsync(string pathPrefix, int count, TimeSpan timeout) =>
        WaitForRequestsAsync(request => request.Path.StartsWith(pathPrefix, StringComparison.Ordinal), count, timeout, $"requests for {pathPrefix}");

    /// <summary>
    /// Waits for a long poll on <c>/version</c> with <c>value=</c><paramref name="version"/>: the caller
    /// has handled that version (fetched, decided, applied or refused) and waits for the next change.
    /// </summary>
    public Task WaitForLongPollAsync(string version, TimeSpan timeout) =>
        WaitForRequestsAsync(
            request => request.Path.EndsWith("/version", StringComparison.Ordinal)
                && request.Query.Contains("wait=true", StringComparison.Ordinal)
                && request.Query.Contains($"value={Uri.EscapeDataString(version)}", StringComparison.Ordinal),
            1,
            timeout,
            $"long polls on version {version}");

    /// <summary>Waits until <paramref name="count"/> requests <paramref name="matching"/> have come in, in all; <paramref name="what"/> names them on timeout.</summary>
    public async Task WaitForRequestsAsync(Func<RecordedRequest, bool> matching, int count, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (_requests.Count(matching) < count)
        {
            var recorded = Volatile.Read(ref _requestRecorded).Task;
            if (_requests.Count(matching) >= count)
            {
                return;
            }

            try
            {
                await recorded.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The fake metadata server had {_requests.Count(matching)} of {count} {what} after {timeout.TotalSeconds:0.#} s.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await LoopbackKestrel.StopAsync(_app);
        }

        _stopping.Dispose();
    }

    private static string NewVersion() => Guid.NewGuid().ToString();

    private static TaskCompletionSource NewWakeSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Long-poll waiters re-check their key whenever the answers or the fault change.</summary>
    private void WakeWaiters() => Interlocked.Exchange(ref _wake, NewWakeSignal()).TrySetResult();

    private void Record(RecordedRequest request)
    {
        _requests.Enqueue(request);
        Interlocked.Exchange(ref _requestRecorded, NewWakeSignal()).TrySetResult();
    }

    /// <summary>One published state of the answers.</summary>
    private sealed record Snapshot(IReadOnlyList<JsonObject> Containers, JsonObject? SelfService, JsonObject? SelfHost, string Version);
}

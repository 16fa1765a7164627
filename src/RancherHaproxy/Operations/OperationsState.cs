using RancherHaproxy.Discovery;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Routing;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Operations;

/// <summary>
/// What the daemon tells its health endpoint: counters (<see cref="Counters"/>, lock-free), the sync
/// loop's <see cref="Heartbeat"/>, and one <see cref="OperationsSnapshot"/> that each event replaces
/// whole under a small lock (writers are the loop and its housekeeping; readers never lock).
/// Created once in the daemon and handed to each component that reports.
/// </summary>
internal sealed class OperationsState(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private OperationsSnapshot _snapshot = OperationsSnapshot.Start(WholeSeconds(timeProvider.GetUtcNow()));
    private int _shuttingDown;
    private long _runtimeApplies;
    private Func<HaproxyState>? _haproxy;

    public OperationsCounters Counters { get; } = new();

    public Heartbeat Heartbeat { get; } = new(timeProvider);

    public TimeProvider TimeProvider => timeProvider;

    public OperationsSnapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>SIGTERM/SIGINT arrived: /readyz says so from now on.</summary>
    public bool ShuttingDown => Volatile.Read(ref _shuttingDown) != 0;

    /// <summary>Route changes applied through the Runtime API without a reload.</summary>
    public long RuntimeApplies => Interlocked.Read(ref _runtimeApplies);

    /// <summary>HAProxy's state as its controller knows it; <see cref="HaproxyState.NotStarted"/> until <see cref="WatchHaproxy"/>.</summary>
    public HaproxyState Haproxy => Volatile.Read(ref _haproxy)?.Invoke() ?? HaproxyState.NotStarted;

    public void ShutdownStarted() => Volatile.Write(ref _shuttingDown, 1);

    /// <summary>From now on <see cref="Haproxy"/> asks <paramref name="state"/> (the controller exists once syslog is resolved).</summary>
    public void WatchHaproxy(Func<HaproxyState> state) => Volatile.Write(ref _haproxy, state);

    /// <summary>What one health request looks at, read now.</summary>
    /// <param name="certificates">The certificate report; null without ENABLE_SSL.</param>
    public HealthView View(ICertificateReport? certificates) =>
        new(Current, Counters, RuntimeApplies, ShuttingDown, Heartbeat.Age, Haproxy, certificates?.Current, timeProvider.GetUtcNow());

    public void HaproxyVersionKnown(string? version) => Update(snapshot => snapshot with { HaproxyVersion = version });

    /// <summary>DISABLE_METADATA: HAProxy serves the files as they are; that is the first (and only) apply.</summary>
    public void FilesServed() => Update(snapshot => snapshot with { RoutesApplied = true });

    /// <summary>Metadata answered (changed or not).</summary>
    public void Read(string? sourceVersion)
    {
        var now = Now();
        Update(snapshot => snapshot with { LastRead = new ReadMark(now, sourceVersion), UnreachableSince = null, MetadataError = null });
    }

    /// <summary>A cycle ended well: routes applied, or what runs matched.</summary>
    public void Synced(bool changed)
    {
        Counters.Sync(changed ? SyncResult.Changed : SyncResult.Unchanged);
        var now = Now();
        Update(snapshot => snapshot with { LastSync = now });
    }

    /// <summary>Routes run from <paramref name="result"/> (applied now, or confirmed unchanged).</summary>
    /// <param name="duration">From the parsed answer to routes applied; null when nothing changed.</param>
    public void RoutesApplied(RoutingResult result, IReadOnlyDictionary<string, string>? servedBy, string? sourceVersion, bool reload, TimeSpan? duration)
    {
        if (duration is { } elapsed)
        {
            Counters.ApplyDuration.Observe(elapsed);
            if (!reload)
            {
                Interlocked.Increment(ref _runtimeApplies);
            }
        }

        var facts = Facts(result, servedBy);
        var now = Now();
        Update(snapshot => snapshot with
        {
            RoutesApplied = true,
            Routes = facts,
            LastApply = duration is null && snapshot.LastApply is not null
                ? snapshot.LastApply
                : new ApplyMark(now, sourceVersion, reload, (long)(duration ?? TimeSpan.Zero).TotalMilliseconds),
        });
    }

    /// <summary>Consolidation gave each stack its own backend: the stack → backend mapping changed.</summary>
    public void BackendsChanged(IReadOnlyDictionary<string, string>? servedBy) =>
        Update(snapshot => snapshot with { Routes = snapshot.Routes with { ServedBy = servedBy } });

    /// <summary>A metadata read failed; the first of an outage sets <see cref="OperationsSnapshot.UnreachableSince"/>.</summary>
    public void MetadataFailed(MetadataErrorKind kind, string message)
    {
        Counters.MetadataError(kind);
        Counters.Sync(SyncResult.Failed);
        var now = Now();
        Update(snapshot => snapshot with
        {
            UnreachableSince = snapshot.UnreachableSince ?? now,
            MetadataError = message,
            LastError = new ErrorMark(now, message),
        });
    }

    /// <summary>Any other error-level sync event (check refused, reload failed, write failed).</summary>
    public void Failed(string message, bool countsAsSync)
    {
        if (countsAsSync)
        {
            Counters.Sync(SyncResult.Failed);
        }

        var now = Now();
        Update(snapshot => snapshot with { LastError = new ErrorMark(now, message) });
    }

    /// <summary>UTC, whole seconds: what /status shows.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static RoutesFacts Facts(RoutingResult result, IReadOnlyDictionary<string, string>? servedBy)
    {
        int starting = 0, stopped = 0, unhealthy = 0, noIp = 0, badLabel = 0;
        foreach (var stack in result.Stacks)
        {
            var counts = stack.Containers;
            (starting, stopped, unhealthy, noIp, badLabel) =
                (starting + counts.Starting, stopped + counts.Stopped, unhealthy + counts.Unhealthy, noIp + counts.NoIp, badLabel + counts.BadLabel);
        }

        var table = result.Table;
        var skipped = new ContainerCounts(starting + stopped + unhealthy + noIp + badLabel, 0, starting, stopped, unhealthy, noIp, badLabel);
        return new RoutesFacts(table.Backends.Count, table.ServerCount, table.HostCount, skipped, table, servedBy);
    }

    private DateTimeOffset Now() => WholeSeconds(timeProvider.GetUtcNow());

    private void Update(Func<OperationsSnapshot, OperationsSnapshot> change)
    {
        lock (_gate)
        {
            Volatile.Write(ref _snapshot, change(_snapshot));
        }
    }
}

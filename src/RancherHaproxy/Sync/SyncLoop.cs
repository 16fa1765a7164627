using RancherHaproxy.Discovery;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;
using RancherHaproxy.Operations;
using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Sync;

/// <summary>
/// Metadata → routing table → files → HAProxy, for ever: read, decide (<see cref="SyncPlanner"/>,
/// pure), act (<see cref="SyncActor"/>), remember (one <see cref="SyncState"/>, replaced). Failures
/// keep the last good files and HAProxy as they are, and are logged once per change of state.
/// </summary>
internal sealed class SyncLoop : IDisposable
{
    /// <summary>How often a service that does not answer is asked for its version again.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly IMetadataSource _source;
    private readonly IConfigInstaller _installer;
    private readonly bool _runtimeApi;
    private readonly SyncLoopOptions _options;
    private readonly Logger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SyncStateStore _store = new();
    private readonly MemoryTrim _trim;
    private readonly SyncReader _reader;
    private readonly SyncActor _actor;
    private readonly SyncHousekeeping _housekeeping;
    private readonly SyncReporters _reporters;
    private readonly WantedFiles _wanted;
    private readonly ResyncSignal _resync = new();
    private readonly OperationsState _operations;

    /// <param name="operations">Where the loop reports what it does, for the health endpoint (a private one when null).</param>
    public SyncLoop(
        IMetadataSource source, IConfigInstaller installer, IHaproxyController haproxy, IRuntimeApi? runtime,
        SyncLoopOptions options, Logger logger, TimeProvider timeProvider, OperationsState? operations = null)
    {
        (_source, _installer, _runtimeApi, _options, _logger, _timeProvider) = (source, installer, runtime is not null, options, logger, timeProvider);
        _operations = operations ?? new OperationsState(timeProvider);
        _trim = MemoryTrim.ForProcess(timeProvider);
        _reader = new SyncReader(source, options, _trim, logger, timeProvider);
        _reporters = new SyncReporters(source.Description, logger, options.RetryInterval, _operations);
        _wanted = new WantedFiles(options, logger);
        _actor = new SyncActor(installer, runtime, haproxy, options.SpareNames, _reporters.WriteFailure.Recover, logger, _operations);
        var consolidation = new Consolidation(haproxy, options.SpareNames, options.ConsolidateAfter, logger, timeProvider, _operations);
        _housekeeping = new SyncHousekeeping(runtime, _store, _trim, consolidation, logger, timeProvider);
    }

    /// <summary>Raised on the loop's thread whenever HAProxy routes a new result (or already did): the pages follow it.</summary>
    public event Action<RoutingResult>? RoutesApplied;

    /// <summary>The state as the last cycle left it (for tests and diagnosis).</summary>
    internal SyncState State => _store.Current;

    /// <summary>Writes the files HAProxy starts with: no routes, so every host answers 503.</summary>
    public void WriteInitialFiles()
    {
        var problems = new List<string>();
        var certificates = _wanted.PlanCertificates(ServiceMetadata.Empty, problems);
        var config = _wanted.Render(RoutingTableBuilder.EmptyTable(_options.Routing), certificates);
        _installer.Install(config);
        _store.UpdateAsync(state => _wanted.NotePlaceholder(state, certificates) with { Applied = config }, CancellationToken.None).GetAwaiter().GetResult();
        _reporters.Notices.Report([], problems);
    }

    /// <summary>HAProxy runs the initial files: no stack, every spare backend free.</summary>
    /// <param name="version">The version its master reported at start (null if it could not be read).</param>
    public void HaproxyStarted(HaproxyVersion? version) =>
        _store.UpdateAsync(state => state with
        {
            Live = LiveState.FromTable(RoutingTableBuilder.EmptyTable(_options.Routing), _options.SpareNames),
            CanWaitUntilRemovable = version?.CanWaitUntilServerRemovable ?? false,
        }, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>SIGHUP: drop the wait, read metadata now and apply it.</summary>
    public void RequestResync() => _resync.Request();

    public void Dispose() => _store.Dispose();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var housekeeping = _housekeeping.RunAsync(cancellationToken);
        try
        {
            await SyncAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await housekeeping.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        string? version = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var waiting = true;
            _operations.Heartbeat.Beat();
            try
            {
                var next = await _resync.WaitAsync(token => _source.WaitForChangeAsync(version, token), cancellationToken).ConfigureAwait(false);
                var wokeAt = _timeProvider.GetTimestamp();
                waiting = false;
                _operations.Heartbeat.Beat();
                await CycleAsync(next, wokeAt, cancellationToken).ConfigureAwait(false);

                // Only now: a write that failed is tried again (after back-off) without waiting for a change.
                version = next;
                _reporters.Backoff.Reset();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                version = await OnFailureAsync(exception, waiting, version, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Logs a failure once per change of state and waits before the next try: a service that does not
    /// answer the version read is asked again each second (a small GET), so routes follow within about
    /// a second of its return; an answer that fails to read is read again only after back-off. A bug
    /// must not take the serving path down: HAProxy keeps the last good routes.
    /// </summary>
    private async Task<string?> OnFailureAsync(Exception exception, bool waiting, string? version, CancellationToken cancellationToken)
    {
        if (exception is ResyncSignal.RequestedException)
        {
            SyncLog.ResyncRequested(_logger);
            await _store.UpdateAsync(state => state with { Settled = null }, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var delay = _reporters.Fail(exception, waiting);
        await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        return version;
    }

    /// <summary>One cycle, in its own method so that nothing of the answer outlives it in the loop's state machine.</summary>
    /// <param name="version">The source's version this cycle reads (for /status).</param>
    /// <param name="wokeAt">When the source said there is a change (a timestamp of the time provider).</param>
    private async Task CycleAsync(string version, long wokeAt, CancellationToken cancellationToken)
    {
        _trim.CycleStarted();
        try
        {
            var reading = await _reader.ReadAsync(_store.Current, wokeAt, cancellationToken).ConfigureAwait(false);
            _reporters.SourceFailure.Recover();
            _operations.Read(version);
            _operations.Heartbeat.Beat();
            await _store.UpdateAsync(state => DecideAndActAsync(state, reading, version, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _trim.CycleEnded();
        }
    }

    private async Task<SyncState> DecideAndActAsync(SyncState state, Reading reading, string version, CancellationToken cancellationToken)
    {
        var parsedAt = _timeProvider.GetTimestamp();
        var breakdown = reading.Breakdown ?? new CycleBreakdown(_timeProvider);
        breakdown.Lap("queued");
        var problems = new List<string>(reading.Snapshot.Service.Problems);
        var certificates = _wanted.PlanCertificates(reading.Snapshot.Service, problems);
        var (users, metadataUsers) = _wanted.Users(state, reading.Snapshot.Service, problems);
        state = _wanted.NotePlaceholder(state, certificates);
        if (reading.Built is null && SyncPlanner.IsSettled(state, reading.Inputs, certificates))
        {
            // What runs was made from these very inputs: nothing to build, render or compare.
            _reporters.Notices.Report(state.Settled!.Notices, problems);
            LogUnchanged(reading, built: false);
            _operations.Synced(changed: false);
            return state;
        }

        var result = reading.Built ?? _reader.Build(reading.Snapshot, state.HeldHosts);
        breakdown.Lap(reading.Built is null ? "build" : "prepare");
        var unrouted = _wanted.Unrouted(certificates, users);
        var wanted = new Candidate(
            result.Table, () => _wanted.Render(result.Table, certificates, unrouted), unrouted,
            new Settled(reading.Inputs, certificates, result.Notices), _installer.MainConfigStamp());
        breakdown.Lap("render");
        _reporters.Notices.Report(result.Notices, problems);
        var action = SyncPlanner.Plan(state, wanted, _runtimeApi);
        breakdown.Lap("plan");
        if (action.Kind == SyncActionKind.Unchanged)
        {
            LogUnchanged(reading, built: true);
        }

        var reloadsBefore = _operations.Counters.ReloadsOk();
        var times = new CycleTimes(_timeProvider, reading.FetchTime, parsedAt) { Breakdown = breakdown };
        var next = await _actor.ActAsync(state, wanted, action, times, cancellationToken).ConfigureAwait(false);
        if (!ReferenceEquals(next.Settled, wanted.Settled))
        {
            _operations.Counters.Sync(SyncResult.Failed);
            return next;
        }

        var changed = action.Kind != SyncActionKind.Unchanged;
        var reloaded = _operations.Counters.ReloadsOk() > reloadsBefore;
        _operations.RoutesApplied(result, next.Live?.ServedBy, version, reloaded, changed ? times.SinceParsed() : null);
        _operations.Synced(changed);
        return Applied(next, result, changed) with { MetadataUsers = metadataUsers };
    }

    /// <summary>What runs now is <paramref name="result"/>: remember who holds which host, and tell the pages.</summary>
    private SyncState Applied(SyncState state, RoutingResult result, bool changed)
    {
        RoutesApplied?.Invoke(result);
        return state with
        {
            HeldHosts = result.HostOwners,
            AppliedTable = result.Table,
            LastChange = changed ? _timeProvider.GetTimestamp() : state.LastChange,
        };
    }

    /// <summary>With what the fetch allocated (reading and parsing the answer) and what the cycle allocated since.</summary>
    private void LogUnchanged(Reading reading, bool built) =>
        SyncLog.Unchanged(_logger, reading.ContainerCount, built, reading.FetchTime, reading.FetchAllocated, _trim.AllocatedThisCycle - reading.FetchAllocated);
}

using RancherHaproxy.Discovery;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;
using RancherHaproxy.Output;
using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Sync;

/// <summary>
/// Metadata → routing table → files → `haproxy -c` → reload, for ever. Waits for the source to
/// change, renders, and touches nothing unless the rendered bytes differ from what runs.
/// Failures keep the last good files and HAProxy as they are, and are logged once per change.
/// </summary>
internal sealed partial class SyncLoop(
    IMetadataSource source,
    IConfigChecker checker,
    IHaproxyController haproxy,
    RuntimeExecutor? runtime,
    SyncLoopOptions options,
    Logger logger,
    TimeProvider timeProvider) : IDisposable
{
    /// <summary>How often a service that does not answer is asked for its version again.</summary>
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(500), options.RetryInterval);
    private readonly NoticeReporter _notices = new(logger.ForComponent("routing"));
    private readonly FailureState _sourceFailure = new(
        message => Log.SourceFailed(logger, source.Description, message), () => Log.SourceRecovered(logger, source.Description));

    private readonly FailureState _writeFailure = new(
        message => Log.WriteFailed(logger, message), () => Log.WriteRecovered(logger));
    private readonly Lock _resyncGate = new();
    private readonly MemoryTrim _trim = MemoryTrim.ForProcess(timeProvider);
    private CancellationTokenSource? _currentWait;
    private RenderedConfig? _applied;
    private RejectedConfig? _rejected;
    private bool _reloadPending;
    private bool _usingPlaceholder;
    private int _appliedServers;
    private TimeSpan _fetchTime;
    private long _fetchAllocated;

    /// <summary>The inputs of what runs now, when it was applied in full; null when unknown or refused.</summary>
    private Settled? _settled;

    /// <summary>Writes the files HAProxy starts with: no routes, so every host answers 503.</summary>
    public void WriteInitialFiles()
    {
        var problems = new List<string>();
        Commit(Render(RoutingTable.Empty, PlanCertificates(ServiceMetadata.Empty, problems)));
        _notices.Report([], problems);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>SIGHUP: drop the wait, read metadata now and apply it.</summary>
    public void RequestResync()
    {
        lock (_resyncGate)
        {
            _currentWait?.Cancel();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var housekeeping = HousekeepingAsync(cancellationToken);
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
            try
            {
                var next = await WaitForChangeAsync(version, cancellationToken).ConfigureAwait(false);
                waiting = false;
                await FetchAndApplyAsync(cancellationToken).ConfigureAwait(false);

                // Only now: a write that failed is tried again (after back-off) without waiting for a change.
                version = next;
                _backoff.Reset();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ResyncRequestedException)
            {
                Log.ResyncRequested(logger);
                version = null;
                _settled = null;
            }
            catch (MetadataException exception)
            {
                // A service that does not answer the version read is asked again each second (a small
                // GET), so routes follow within about a second of its return, however long it was
                // down; an answer that fails to read is read again only after back-off.
                _sourceFailure.Fail(exception.Message, exception.State);
                await Task.Delay(waiting ? ProbeInterval : _backoff.Next(), timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                _writeFailure.Fail(exception.Message);
                await Task.Delay(_backoff.Next(), timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A bug must not take the serving path down: HAProxy keeps the last good routes.
                _writeFailure.Fail($"unexpected {exception.GetType().Name}: {exception.Message}");
                await Task.Delay(_backoff.Next(), timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// One cycle, in its own method so that nothing of the answer outlives it (a local of the loop
    /// above would live on in its state machine through the next long-poll).
    /// </summary>
    private async Task FetchAndApplyAsync(CancellationToken cancellationToken)
    {
        _trim.CycleStarted();
        try
        {
            var fetchStarted = timeProvider.GetTimestamp();
            var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
            _fetchTime = timeProvider.GetElapsedTime(fetchStarted);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ApplyAsync(fetched, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            _trim.CycleEnded();
        }
    }

    /// <summary>
    /// Reads metadata, and builds its routing table unless routing reads nothing new in it (then
    /// Built is null: most version changes are elsewhere in the environment). An answer that would remove
    /// more than half of the servers in service is read again after
    /// <see cref="SyncLoopOptions.RemovalConfirmDelay"/>, and the second answer is applied: one
    /// truncated or empty answer never empties the load balancer, a genuinely emptied environment does.
    /// </summary>
    private async Task<Fetched> FetchAsync(CancellationToken cancellationToken)
    {
        var snapshot = await source.FetchAsync(cancellationToken).ConfigureAwait(false);
        _fetchAllocated = _trim.AllocatedThisCycle;
        _sourceFailure.Recover();
        var inputs = RoutingInputs.Of(snapshot, options.Routing);
        if (_settled is not null && _settled.Inputs == inputs)
        {
            return new Fetched(snapshot, inputs, null);
        }

        var built = Build(snapshot);
        if (built.Table.ServerCount * 2 >= _appliedServers)
        {
            return new Fetched(snapshot, inputs, built);
        }

        Log.ConfirmingRemoval(logger, _appliedServers, built.Table.ServerCount);
        await Task.Delay(options.RemovalConfirmDelay, timeProvider, cancellationToken).ConfigureAwait(false);
        var again = await source.FetchAsync(cancellationToken).ConfigureAwait(false);
        return new Fetched(again, RoutingInputs.Of(again, options.Routing), Build(again));
    }

    /// <summary>With what the fetch allocated (reading and parsing the answer) and what the cycle allocated since.</summary>
    private void LogUnchanged(MetadataSnapshot snapshot, bool built) =>
        Log.Unchanged(logger, snapshot.Containers.Count, built, _fetchTime, _fetchAllocated, _trim.AllocatedThisCycle - _fetchAllocated);

    private RoutingResult Build(MetadataSnapshot snapshot) => RoutingTableBuilder.Build(snapshot.Containers, snapshot.Service, options.Routing);

    private async Task<string> WaitForChangeAsync(string? version, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_resyncGate)
        {
            _currentWait = wait;
        }

        try
        {
            return await source.WaitForChangeAsync(version, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ResyncRequestedException();
        }
        finally
        {
            lock (_resyncGate)
            {
                _currentWait = null;
            }
        }
    }

    private CertificatePlan PlanCertificates(ServiceMetadata service, List<string> problems)
    {
        var directory = CertificateDirectory.List(options.CertificateDirectory, problems);
        var plan = CertificatePlanner.Plan(options.Certificates, service, directory, problems);
        if (plan.UsesPlaceholder != _usingPlaceholder)
        {
            _usingPlaceholder = plan.UsesPlaceholder;
            Log.Placeholder(logger, plan.UsesPlaceholder);
        }

        return plan;
    }

    private RenderedConfig Render(RoutingTable table, CertificatePlan certificates)
    {
        var certificatePath = options.Certificates.CertificatePath;
        return RenderedConfig.From(table, certificates, certificatePath, AtomicFileWriter.CandidatePath(certificatePath), options.SpareBackends);
    }

    private async Task ApplyAsync(Fetched fetched, CancellationToken cancellationToken)
    {
        var (snapshot, inputs, built) = fetched;
        var started = timeProvider.GetTimestamp();
        var problems = new List<string>(snapshot.Service.Problems);
        var certificates = PlanCertificates(snapshot.Service, problems);
        if (built is null && _settled is not null && !_reloadPending && _settled.Certificates.SameAs(certificates))
        {
            // What runs was made from these very inputs: nothing to build, render or compare.
            _notices.Report(_settled.Notices, problems);
            LogUnchanged(snapshot, built: false);
            return;
        }

        var result = built ?? Build(snapshot);
        var rendered = Render(result.Table, certificates);
        _notices.Report(result.Notices, problems);
        var settled = new Settled(inputs, certificates, result.Notices);
        if (rendered == _applied && !_reloadPending)
        {
            _settled = settled;
            LogUnchanged(snapshot, built: true);
            return;
        }

        if (await TryApplyAtRuntimeAsync(result.Table, rendered, settled, started, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (rendered != _applied)
        {
            var installed = await CheckAndCommitAsync(rendered, cancellationToken).ConfigureAwait(false);
            _writeFailure.Recover();
            if (installed is null)
            {
                return;
            }
        }

        var outcome = await haproxy.ReloadAsync(cancellationToken).ConfigureAwait(false);
        _reloadPending = !outcome.Succeeded;
        _settled = outcome.Succeeded ? settled : null;
        if (outcome.Succeeded)
        {
            _appliedServers = result.Table.ServerCount;
            _live = LiveState.FromTable(result.Table, SpareNames);
            _drainingBackends.Clear();
            Log.Applied(logger, result.Table, _fetchTime, timeProvider.GetElapsedTime(started));
        }
        else
        {
            Log.ReloadFailed(logger, outcome.Detail);
        }
    }
}

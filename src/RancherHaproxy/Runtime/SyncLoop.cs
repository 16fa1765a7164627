using RancherHaproxy.Discovery;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Live;
using RancherHaproxy.Logging;
using RancherHaproxy.Output;
using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Runtime;

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
    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(500), options.RetryInterval);
    private readonly NoticeReporter _notices = new(logger.ForComponent("routing"));
    private readonly FailureState _sourceFailure = new(
        message => Log.SourceFailed(logger, source.Description, message), () => Log.SourceRecovered(logger, source.Description));

    private readonly FailureState _writeFailure = new(
        message => Log.WriteFailed(logger, message), () => Log.WriteRecovered(logger));
    private readonly Lock _resyncGate = new();
    private CancellationTokenSource? _currentWait;
    private RenderedConfig? _applied;
    private RejectedConfig? _rejected;
    private bool _reloadPending;
    private bool _usingPlaceholder;
    private int _appliedServers;
    private TimeSpan _fetchTime;

    /// <summary>Writes the files HAProxy starts with: no routes, so every host answers 503.</summary>
    public void WriteInitialFiles()
    {
        var problems = new List<string>();
        Commit(Render(RoutingTable.Empty, ServiceMetadata.Empty, problems));
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
        var drains = RemoveDrainedServersAsync(cancellationToken);
        try
        {
            await SyncAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await drains.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        string? version = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var next = await WaitForChangeAsync(version, cancellationToken).ConfigureAwait(false);
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
            }
            catch (MetadataException exception)
            {
                _sourceFailure.Fail(exception.Message, exception.State);
                await Task.Delay(_backoff.Next(), timeProvider, cancellationToken).ConfigureAwait(false);
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
    /// above would live on in its state machine through the next long-poll). A cycle that allocated
    /// much (a large environment) gives the memory back once it is done.
    /// </summary>
    private async Task FetchAndApplyAsync(CancellationToken cancellationToken)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var fetchStarted = timeProvider.GetTimestamp();
        var snapshot = await FetchAsync(cancellationToken).ConfigureAwait(false);
        _fetchTime = timeProvider.GetElapsedTime(fetchStarted);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ApplyAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        MemoryTrim.AfterCycle(GC.GetTotalAllocatedBytes() - allocatedBefore);
    }

    /// <summary>
    /// Reads metadata. An answer that would remove more than half of the servers in service is read
    /// again after <see cref="SyncLoopOptions.RemovalConfirmDelay"/>, and the second answer is applied:
    /// one truncated or empty answer never empties the load balancer, a genuinely emptied environment does.
    /// </summary>
    private async Task<MetadataSnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        var snapshot = await source.FetchAsync(cancellationToken).ConfigureAwait(false);
        _sourceFailure.Recover();
        var servers = RoutingTableBuilder.Build(snapshot.Containers, snapshot.Service, options.Routing).Table.ServerCount;
        if (servers * 2 >= _appliedServers)
        {
            return snapshot;
        }

        Log.ConfirmingRemoval(logger, _appliedServers, servers);
        await Task.Delay(options.RemovalConfirmDelay, timeProvider, cancellationToken).ConfigureAwait(false);
        return await source.FetchAsync(cancellationToken).ConfigureAwait(false);
    }

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

    private RenderedConfig Render(RoutingTable table, ServiceMetadata service, List<string> problems)
    {
        var directory = CertificateDirectory.List(options.CertificateDirectory, problems);
        var plan = CertificatePlanner.Plan(options.Certificates, service, directory, problems);
        if (plan.UsesPlaceholder != _usingPlaceholder)
        {
            _usingPlaceholder = plan.UsesPlaceholder;
            Log.Placeholder(logger, plan.UsesPlaceholder);
        }

        var certificatePath = options.Certificates.CertificatePath;
        return RenderedConfig.From(table, plan, certificatePath, AtomicFileWriter.CandidatePath(certificatePath), options.SpareBackends);
    }

    private async Task ApplyAsync(MetadataSnapshot snapshot, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var result = RoutingTableBuilder.Build(snapshot.Containers, snapshot.Service, options.Routing);
        var problems = new List<string>(snapshot.Service.Problems);
        var rendered = Render(result.Table, snapshot.Service, problems);
        _notices.Report(result.Notices, problems);
        if (rendered == _applied && !_reloadPending)
        {
            Log.Unchanged(logger, snapshot.Containers.Count);
            return;
        }

        if (await TryApplyAtRuntimeAsync(result.Table, rendered, started, cancellationToken).ConfigureAwait(false))
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
        if (outcome.Succeeded)
        {
            _appliedServers = result.Table.ServerCount;
            _live = LiveState.FromTable(result.Table, SpareNames);
            Log.Applied(logger, result.Table, _fetchTime, timeProvider.GetElapsedTime(started));
        }
        else
        {
            Log.ReloadFailed(logger, outcome.Detail);
        }
    }
}

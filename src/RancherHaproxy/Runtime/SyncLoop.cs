using RancherHaproxy.Discovery;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;
using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;

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
    SyncLoopOptions options,
    Logger logger,
    TimeProvider timeProvider)
{
    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(500), options.RetryInterval);
    private readonly NoticeReporter _notices = new(logger.ForComponent("routing"));
    private readonly Lock _resyncGate = new();
    private CancellationTokenSource? _currentWait;
    private RenderedConfig? _applied;
    private RejectedConfig? _rejected;
    private bool _reloadPending;
    private string? _lastFailure;

    /// <summary>Writes the files HAProxy starts with: no routes, so every host answers 503.</summary>
    public void WriteInitialFiles()
    {
        var empty = RenderedConfig.From(RoutingTable.Empty);
        WriteCandidates(empty);
        Commit();
        _applied = empty;
    }

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
        string? version = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var next = await WaitForChangeAsync(version, cancellationToken).ConfigureAwait(false);
                var snapshot = await source.FetchAsync(cancellationToken).ConfigureAwait(false);
                Recovered();
                version = next;
                await ApplyAsync(snapshot, cancellationToken).ConfigureAwait(false);
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
            catch (Exception exception) when (exception is MetadataException or IOException)
            {
                Failed(exception.Message);
                await Task.Delay(_backoff.Next(), timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A bug must not take the serving path down: HAProxy keeps the last good routes.
                Failed($"unexpected {exception.GetType().Name}: {exception.Message}");
                await Task.Delay(_backoff.Next(), timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
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

    private async Task ApplyAsync(MetadataSnapshot snapshot, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var result = RoutingTableBuilder.Build(snapshot.Containers, snapshot.Service, options.Routing);
        _notices.Report(result.Notices, snapshot.Service.Problems);
        var rendered = RenderedConfig.From(result.Table);
        if (rendered == _applied && !_reloadPending)
        {
            Log.Unchanged(logger, snapshot.Containers.Count);
            return;
        }

        if (rendered != _applied && !await CheckAndCommitAsync(rendered, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var outcome = await haproxy.ReloadAsync(cancellationToken).ConfigureAwait(false);
        _reloadPending = !outcome.Succeeded;
        if (outcome.Succeeded)
        {
            Log.Applied(logger, result.Table, timeProvider.GetElapsedTime(started));
        }
        else
        {
            Log.ReloadFailed(logger, outcome.Detail);
        }
    }
}

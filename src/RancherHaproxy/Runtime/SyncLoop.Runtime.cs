using RancherHaproxy.Live;
using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Runtime;

/// <summary>
/// Changes without a reload: containers, hosts and new stacks (on spare backends) go to the running
/// worker through the Runtime API; the files follow, checked as always, so a later reload agrees.
/// Drained servers are deleted once idle.
/// </summary>
internal sealed partial class SyncLoop
{
    private static readonly TimeSpan DrainCheckInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private LiveState? _live;
    private string? _lastPassedMainConfigStamp;

    /// <summary>HAProxy runs the initial files: no stack, every spare backend free.</summary>
    public void HaproxyStarted() => _live = LiveState.FromTable(RoutingTable.Empty, SpareNames);

    private IReadOnlyList<string> SpareNames => BackendsRenderer.SpareNames(options.SpareBackends);

    /// <summary>True when the worker took the change at run time (the files were then updated too).</summary>
    private async Task<bool> TryApplyAtRuntimeAsync(RoutingTable table, RenderedConfig rendered, long started, CancellationToken cancellationToken)
    {
        if (runtime is null || _live is null || _reloadPending || _applied is null
            || rendered.CrtList != _applied.CrtList || rendered.ManagedPem != _applied.ManagedPem)
        {
            return false;
        }

        var plan = RuntimePlanner.Plan(_live, table);
        if (plan is null)
        {
            return false;
        }

        // Checked first when the main config changed since it last passed (a user's edit may break
        // it: then nothing changes at all); otherwise the rendered lines are safe by construction and
        // the check runs after the change, off the critical path.
        var checkFirst = MainConfigStamp() != _lastPassedMainConfigStamp;
        if (checkFirst && rendered != _applied)
        {
            var installed = await CheckAndCommitAsync(rendered, cancellationToken).ConfigureAwait(false);
            _writeFailure.Recover();
            if (installed is null)
            {
                return true;
            }
        }

        if (!await runtime.ExecuteAsync(plan.Operations, cancellationToken).ConfigureAwait(false))
        {
            _live = null;
            return false;
        }

        _live = plan.Result;
        _appliedServers = table.ServerCount;
        Log.AppliedAtRuntime(logger, table, plan.Operations.Count, _fetchTime, timeProvider.GetElapsedTime(started));
        if (rendered != _applied)
        {
            await CheckAndCommitAsync(rendered, cancellationToken).ConfigureAwait(false);
            _writeFailure.Recover();
        }

        return true;
    }

    private async Task RemoveDrainedServersAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(DrainCheckInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            if (runtime is null || _live is null || !_live.Servers.Values.Any(list => list.Values.Any(server => server.Draining)))
            {
                continue;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var (backend, servers) in _live?.Servers ?? new Dictionary<string, Dictionary<string, LiveServer>>())
                {
                    var draining = servers.Where(pair => pair.Value.Draining).Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
                    if (draining.Count == 0)
                    {
                        continue;
                    }

                    foreach (var removed in await runtime.RemoveIdleAsync(backend, draining, cancellationToken).ConfigureAwait(false))
                    {
                        servers.Remove(removed);
                        Log.ServerRemoved(logger, backend, removed);
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}

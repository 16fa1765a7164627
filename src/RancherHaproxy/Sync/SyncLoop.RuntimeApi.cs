using RancherHaproxy.Haproxy;
using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Sync;

/// <summary>
/// Changes without a reload: containers, hosts and new stacks (on spare backends) go to the running
/// worker through the Runtime API; the files follow, checked as always, so a later reload agrees.
/// Drained servers are deleted once idle.
/// </summary>
internal sealed partial class SyncLoop
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Backends with servers draining (or that had some: checked again next time); under <see cref="_gate"/>.</summary>
    private readonly HashSet<string> _drainingBackends = new(StringComparer.Ordinal);
    private LiveState? _live;
    private string? _lastPassedMainConfigStamp;

    /// <summary>Whether the running HAProxy has <c>wait srv-removable</c>; known once it has started.</summary>
    private bool _canWaitUntilRemovable;

    /// <summary>HAProxy runs the initial files: no stack, every spare backend free.</summary>
    /// <param name="version">The version its master reported at start (null if it could not be read).</param>
    public void HaproxyStarted(HaproxyVersion? version)
    {
        _canWaitUntilRemovable = version?.CanWaitUntilServerRemovable ?? false;
        _live = LiveState.FromTable(RoutingTable.Empty, SpareNames);
    }

    private IReadOnlyList<string> SpareNames => BackendsRenderer.SpareNames(options.SpareBackends);

    /// <summary>True when the worker took the change at run time (the files were then updated too).</summary>
    private async Task<bool> TryApplyAtRuntimeAsync(
        RoutingTable table, RenderedConfig rendered, Settled settled, long started, CancellationToken cancellationToken)
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
        WatchDrains(plan.Operations);
        _settled = settled;
        _appliedServers = table.ServerCount;
        Log.AppliedAtRuntime(logger, table, plan.Operations.Count, _fetchTime, timeProvider.GetElapsedTime(started));
        if (rendered != _applied)
        {
            await CheckAndCommitAsync(rendered, cancellationToken).ConfigureAwait(false);
            _writeFailure.Recover();
        }

        return true;
    }

    /// <summary>Backends named by the drains of <paramref name="operations"/> join the backends to watch.</summary>
    private void WatchDrains(IReadOnlyList<RuntimeOperation> operations)
    {
        foreach (var operation in operations)
        {
            if (operation.Kind == RuntimeOperationKind.DrainServer)
            {
                _drainingBackends.Add(operation.Backend);
            }
        }
    }

    /// <summary>
    /// Deletes drained servers once idle. Only the backends that had a server drained are looked at:
    /// an idle daemon with thousands of servers does no work proportional to them every second.
    /// </summary>
    private async Task RemoveDrainedServersAsync(CancellationToken cancellationToken)
    {
        if (runtime is null || _drainingBackends.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var backend in _drainingBackends.Order(StringComparer.Ordinal).ToList())
            {
                var servers = _live?.Servers.GetValueOrDefault(backend);
                var draining = servers?.Where(pair => pair.Value.Draining).Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
                if (servers is not null && draining is { Count: > 0 })
                {
                    foreach (var removed in await runtime.RemoveIdleAsync(backend, draining, _canWaitUntilRemovable, cancellationToken).ConfigureAwait(false))
                    {
                        servers.Remove(removed);
                        draining.Remove(removed);
                        Log.ServerRemoved(logger, backend, removed);
                    }
                }

                if (draining is not { Count: > 0 })
                {
                    _drainingBackends.Remove(backend);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

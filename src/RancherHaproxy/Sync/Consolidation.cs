using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;
using RancherHaproxy.Operations;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Sync;

/// <summary>
/// CONSOLIDATE_AFTER: once routes have been quiet that long, stacks still served from spare backends
/// get their own through one ordinary reload of the installed (checked) files, so that the stats page
/// and the Prometheus exporter name them too, and the spares are free again.
/// </summary>
/// <param name="operations">The consolidation reload is counted there, and the stack → backend mapping follows it.</param>
internal sealed class Consolidation(
    IHaproxyController haproxy, IReadOnlyList<string> spareBackends, TimeSpan after, Logger logger, TimeProvider timeProvider, OperationsState operations)
{
    /// <summary>Pure: how many spares serve stacks, when it is time to give them their own backends; else 0.</summary>
    public static int SparesToFree(SyncState state, TimeSpan quiet, TimeSpan after)
    {
        if (after <= TimeSpan.Zero || quiet < after || state.Live is null || state.AppliedTable is null
            || state.ReloadPending || state.Rejected is not null || state.Settled is null)
        {
            return 0;
        }

        return state.Live.ServedBy.Count(pair => pair.Key != pair.Value);
    }

    public bool IsDue(SyncState state) => SparesToFree(state, timeProvider.GetElapsedTime(state.LastChange), after) > 0;

    public async Task<SyncState> ConsolidateAsync(SyncState state, CancellationToken cancellationToken)
    {
        var spares = SparesToFree(state, timeProvider.GetElapsedTime(state.LastChange), after);
        if (spares == 0)
        {
            return state;
        }

        logger.Info("consolidating: giving every stack its own backend", ("spares", spares));
        var outcome = await haproxy.ReloadAsync(cancellationToken).ConfigureAwait(false);
        operations.Counters.Reload(ReloadReason.Consolidation, outcome.Succeeded);
        if (!outcome.Succeeded)
        {
            SyncLog.ReloadFailed(logger, outcome.Detail);
            operations.Failed("reload failed; the old worker keeps serving: " + outcome.Detail, countsAsSync: false);
            return state with { ReloadPending = true, Settled = null };
        }

        logger.Info("consolidated", ("backends", state.AppliedTable!.Backends.Count));
        var live = LiveState.FromTable(state.AppliedTable, spareBackends);
        operations.BackendsChanged(live.ServedBy);
        return state with
        {
            Live = live,
            DrainingBackends = new HashSet<string>(StringComparer.Ordinal),
            LastChange = timeProvider.GetTimestamp(),
        };
    }
}

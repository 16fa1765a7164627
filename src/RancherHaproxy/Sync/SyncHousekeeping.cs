using RancherHaproxy.Logging;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Sync;

/// <summary>
/// Once a second, beside the sync loop: drained servers leave once idle, stacks on spares get their
/// own backends after CONSOLIDATE_AFTER, and memory goes back after a burst. Only the backends that had a server drained are looked at: an idle daemon with thousands
/// of servers does no work proportional to them every second.
/// </summary>
internal sealed class SyncHousekeeping(
    IRuntimeApi? runtime, SyncStateStore store, MemoryTrim trim, Consolidation consolidation, Logger logger, TimeProvider timeProvider)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, timeProvider, cancellationToken).ConfigureAwait(false);
            if (runtime is not null && store.Current.DrainingBackends.Count > 0)
            {
                await store.UpdateAsync(state => RemoveDrainedAsync(runtime, state, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            if (consolidation.IsDue(store.Current))
            {
                await store.UpdateAsync(state => consolidation.ConsolidateAsync(state, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            await store.UpdateAsync(state =>
            {
                trim.TrimIfIdle();
                return state;
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SyncState> RemoveDrainedAsync(IRuntimeApi api, SyncState state, CancellationToken cancellationToken)
    {
        var live = state.Live;
        var stillDraining = new HashSet<string>(StringComparer.Ordinal);
        foreach (var backend in state.DrainingBackends.Order(StringComparer.Ordinal))
        {
            var draining = live?.Servers.GetValueOrDefault(backend)?
                .Where(pair => pair.Value.Draining).Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
            if (live is null || draining is not { Count: > 0 })
            {
                continue;
            }

            var removed = await api.RemoveIdleAsync(backend, draining, state.CanWaitUntilRemovable, cancellationToken).ConfigureAwait(false);
            foreach (var server in removed)
            {
                SyncLog.ServerRemoved(logger, backend, server);
            }

            live = live.WithoutServers(backend, removed);
            if (removed.Count < draining.Count)
            {
                stillDraining.Add(backend);
            }
        }

        return state with { Live = live, DrainingBackends = stillDraining };
    }
}

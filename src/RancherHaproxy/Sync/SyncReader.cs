using RancherHaproxy.Discovery;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Sync;

/// <summary>
/// Reads metadata, and builds its routing table unless routing reads nothing new in it: most version
/// changes are elsewhere in the environment. An answer that would remove more than half of the
/// servers in service is read again after <see cref="SyncLoopOptions.RemovalConfirmDelay"/>, and
/// the second answer is applied: one truncated or empty answer never empties the load balancer, a
/// genuinely emptied environment does.
/// </summary>
internal sealed class SyncReader(IMetadataSource source, SyncLoopOptions options, MemoryTrim trim, Logging.Logger logger, TimeProvider timeProvider)
{
    /// <param name="wokeAt">When the source said there is a change (a timestamp of the time provider): the breakdown's first phase ends at the fetch.</param>
    public async Task<Reading> ReadAsync(SyncState state, long wokeAt, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var breakdown = new CycleBreakdown(timeProvider, wokeAt);
        breakdown.Lap("wake");
        var snapshot = await source.FetchAsync(cancellationToken).ConfigureAwait(false);
        breakdown.Fetched(snapshot.Timings);
        var allocated = trim.AllocatedThisCycle;
        var inputs = RoutingInputs.Of(snapshot, options.Routing, _inputsMemo);
        breakdown.Lap("inputs");
        if (state.Settled?.Inputs == inputs)
        {
            return Reading.Unbuilt(snapshot, inputs, timeProvider.GetElapsedTime(started), allocated) with { Breakdown = breakdown };
        }

        var built = Build(snapshot, state.HeldHosts);
        breakdown.Lap("build");
        if (built.Table.ServerCount * 2 >= state.AppliedServers)
        {
            return Reading.WithTable(snapshot, inputs, built, timeProvider.GetElapsedTime(started), allocated) with { Breakdown = breakdown };
        }

        SyncLog.ConfirmingRemoval(logger, state.AppliedServers, built.Table.ServerCount);
        return await ConfirmAsync(state, started, allocated, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The second read of a removal; the first answer and its table are no longer referenced while it runs.</summary>
    private async Task<Reading> ConfirmAsync(SyncState state, long started, long allocated, CancellationToken cancellationToken)
    {
        await Task.Delay(options.RemovalConfirmDelay, timeProvider, cancellationToken).ConfigureAwait(false);
        var again = await source.FetchAsync(cancellationToken).ConfigureAwait(false);
        return Reading.WithTable(again, RoutingInputs.Of(again, options.Routing, _inputsMemo), Build(again, state.HeldHosts), timeProvider.GetElapsedTime(started), allocated);
    }

    /// <summary>Each container's fingerprint from the last answer.</summary>
    private readonly RoutingInputs.Memo _inputsMemo = new();

    /// <summary>What the last build computed, for the next (the reader hands back unchanged containers as the same objects).</summary>
    private readonly RoutingTableBuilder.Memo _memo = new();

    public RoutingResult Build(MetadataSnapshot snapshot, IReadOnlyDictionary<string, string> heldHosts) =>
        RoutingTableBuilder.Build(snapshot.Containers, snapshot.Service, options.Routing, heldHosts, _memo);
}

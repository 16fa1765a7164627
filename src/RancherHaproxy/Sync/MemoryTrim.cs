namespace RancherHaproxy.Sync;

/// <summary>
/// The daemon works in bursts (read the whole environment, apply) and then idles on a long-poll,
/// often for minutes, so the GC's own triggers do not fit it: its first-generation budget follows
/// the CPU's cache (a 260 MB L3 gives about 200 MB), and small changes never reach it — measured,
/// 100 single-stack changes allocated 11 MB and ran no collection at all. Two rules instead:
/// <list type="bullet">
/// <item>Small cycles add up: once cycles under <see cref="Threshold"/> have allocated
/// <see cref="SmallCyclesBudget"/> since the last collection, one plain full collection at the end
/// of a cycle takes their garbage (a small heap: about a millisecond, nothing given back to the
/// system, so the next apply takes no page faults).</item>
/// <item>After a big burst (over <see cref="Threshold"/> in one cycle), once the daemon has been idle
/// for <see cref="IdleDelay"/>, one aggressive collection (compacting, decommitting) returns it, so
/// the resident size at rest follows the live data, not the last answer's size. Not during a burst
/// of changes: the memory is in use again at once then, and giving it back costs the next apply
/// its page faults.</item>
/// </list>
/// The project file also caps the first-generation budget (GCgen0size) for what allocates between
/// cycles, such as HAProxy's forwarded output.
/// </summary>
internal sealed class MemoryTrim(TimeProvider timeProvider, Func<long> totalAllocated, Action collectPlainly, Action collectAggressively)
{
    /// <summary>A cycle that allocates this much (a large environment's answer) is left for the idle trim.</summary>
    public const long Threshold = 4L * 1024 * 1024;

    /// <summary>What small cycles may allocate between two collections.</summary>
    public const long SmallCyclesBudget = 1L * 1024 * 1024;

    public static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(2);

    private long _allocatedAtStart;
    private long _allocatedAtLastCollection;
    private long _endedAt;
    private bool _running;
    private bool _pending;

    /// <summary>
    /// The daemon's own: the process's allocation counter and real collections. The counter is the
    /// precise one: the cheap one leaves out what sits in threads' allocation contexts, so a delta
    /// can come out a few KB short (measured: 137 of 2,000 deltas around a 4 MB array with another
    /// thread allocating), enough to miss <see cref="Threshold"/>; it is read a few times a cycle.
    /// </summary>
    public static MemoryTrim ForProcess(TimeProvider timeProvider) =>
        new(timeProvider, () => GC.GetTotalAllocatedBytes(precise: true), CollectPlainly, CollectAggressively);

    /// <summary>Bytes allocated since <see cref="CycleStarted"/>, by any thread.</summary>
    public long AllocatedThisCycle => totalAllocated() - _allocatedAtStart;

    public void CycleStarted()
    {
        _running = true;
        _allocatedAtStart = totalAllocated();
    }

    /// <summary>Ends a cycle; collects at once when small cycles have used up their budget.</summary>
    public void CycleEnded()
    {
        var allocatedBytes = AllocatedThisCycle;
        _running = false;
        _endedAt = timeProvider.GetTimestamp();
        if (allocatedBytes >= Threshold)
        {
            _pending = true;
        }
        else if (!_pending && totalAllocated() - _allocatedAtLastCollection >= SmallCyclesBudget)
        {
            Collect(collectPlainly);
        }
    }

    /// <summary>Called every second or so: collects when a big burst is over and nothing has run since.</summary>
    public bool TrimIfIdle()
    {
        if (!_pending || _running || timeProvider.GetElapsedTime(_endedAt) < IdleDelay)
        {
            return false;
        }

        _pending = false;
        Collect(collectAggressively);
        return true;
    }

    private static void CollectPlainly() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);

    /// <summary>Everything, compacted, free memory decommitted.</summary>
    private static void CollectAggressively() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private void Collect(Action collect)
    {
        collect();
        _allocatedAtLastCollection = totalAllocated();
    }
}

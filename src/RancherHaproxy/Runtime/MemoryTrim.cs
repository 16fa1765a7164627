namespace RancherHaproxy.Runtime;

/// <summary>
/// The daemon works in bursts (read the whole environment, apply) and then idles on a long-poll,
/// often for minutes. The GC keeps a burst's memory committed for the next one; once the daemon
/// has been idle for <see cref="IdleDelay"/> after a burst that allocated over <see cref="Threshold"/>,
/// one aggressive collection (compacting, decommitting) returns it, so the resident size at rest
/// follows the live data, not the last answer's size. Not during a burst of changes: the memory is
/// in use again at once then, and giving it back costs the next apply its page faults.
/// </summary>
internal sealed class MemoryTrim(TimeProvider timeProvider, Action collect)
{
    /// <summary>Bursts below this leave little behind: the gen0 budget (see the project file) covers them.</summary>
    public const long Threshold = 4L * 1024 * 1024;

    public static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(2);

    private long _allocatedAtStart;
    private long _endedAt;
    private bool _running;
    private bool _pending;

    /// <summary>The collection the daemon uses: everything, compacted, free memory decommitted.</summary>
    public static void CollectAggressively() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    public void CycleStarted()
    {
        _running = true;
        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
    }

    /// <summary>Bytes allocated since <see cref="CycleStarted"/>, by any thread.</summary>
    /// <remarks>
    /// Precise: the cheap count leaves out what sits in threads' allocation contexts, so a delta can
    /// come out a few KB short (measured: 137 of 2,000 deltas around a 4 MB array, with another thread
    /// allocating) — enough to miss <see cref="Threshold"/> and to report allocations that did happen as 0.
    /// </remarks>
    public long AllocatedThisCycle => GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;

    public void CycleEnded() => CycleEnded(AllocatedThisCycle);

    public void CycleEnded(long allocatedBytes)
    {
        _running = false;
        _endedAt = timeProvider.GetTimestamp();
        _pending |= allocatedBytes >= Threshold;
    }

    /// <summary>Called every second or so: collects when a big burst is over and nothing has run since.</summary>
    public bool TrimIfIdle()
    {
        if (!_pending || _running || timeProvider.GetElapsedTime(_endedAt) < IdleDelay)
        {
            return false;
        }

        _pending = false;
        collect();
        return true;
    }
}

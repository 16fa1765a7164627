namespace RancherHaproxy.Sync;

/// <summary>
/// The daemon works in bursts (read the whole environment, apply) and then idles on a long-poll,
/// often for minutes, so the GC's own triggers do not fit it: its first-generation budget follows
/// the CPU's cache (a 260 MB L3 gives about 200 MB), and small changes never reach it — measured,
/// 100 single-stack changes allocated 11 MB and ran no collection at all. Two rules instead:
/// <list type="bullet">
/// <item>Small cycles add up: once cycles under <see cref="Threshold"/> have allocated
/// <see cref="SmallCyclesBudget"/> since the last collection, one full collection at the end of a
/// cycle takes their garbage (a small heap: about a millisecond, nothing given back to the system,
/// so the next apply takes no page faults).</item>
/// <item>A big cycle (over <see cref="Threshold"/>: a large environment's answer, read and built
/// whole) ends with the same collection. Its answer and the routes it replaced survived into the
/// oldest generation while the cycle ran; left there, back-to-back big cycles pile up their garbage
/// until the GC's own oldest-generation budget runs out. It compacts, so the next answer is read
/// into the regions this one freed instead of fresh ones (measured at 5,000 containers, five new
/// stacks half a second apart, with a 1 MiB first-generation ceiling: 45 MB peak resident without this
/// collection; a non-compacting one left holes, and the resident size crept up cycle after cycle;
/// compacting, 29.5 MB and flat). It runs after the apply, so routes do not wait for it.</item>
/// <item>After a big burst, once the daemon has been idle for <see cref="IdleDelay"/>, one
/// aggressive collection (compacting, decommitting) returns it, so the resident size at rest
/// follows the live data, not the last answer's size. Not during a burst of changes: the memory is
/// in use again at once then, and giving it back costs the next apply its page faults.</item>
/// </list>
/// <item>A cycle after a big one runs without collections: the GC is told to hold off for what the
/// last cycle allocated plus a quarter (a no-GC region) and the collection at its end takes it all.
/// With a 1-2 MiB first generation a big cycle otherwise ran dozens of collections while routes
/// waited, each walking what the last answer left (at 20,000 containers, tens of milliseconds of
/// a change's ~250). A cycle that allocates more than that budget gets its collections as before.</item>
/// The project file also bounds the first-generation budget between 1 and 2 MiB (GCgen0size, GCGen0MaxBudget),
/// for what allocates between cycles, such as HAProxy's forwarded output, and within a big cycle.
/// </summary>
/// <param name="holdCollections">Asks the GC to run none until this many bytes are allocated (false when it cannot); null for none.</param>
/// <param name="releaseCollections">Ends that hold, if it still runs.</param>
internal sealed class MemoryTrim(
    TimeProvider timeProvider, Func<long> totalAllocated, Action collectPlainly, Action collectAggressively,
    Func<long, bool>? holdCollections = null, Action? releaseCollections = null)
{
    /// <summary>The most a cycle's hold asks for: past it, the GC runs as it would.</summary>
    public const long MaxHold = 96L * 1024 * 1024;

    /// <summary>A cycle that allocates this much (a large environment's answer) collects at its end, and leaves giving memory back to the idle trim.</summary>
    public const long Threshold = 4L * 1024 * 1024;

    /// <summary>What small cycles may allocate between two collections.</summary>
    public const long SmallCyclesBudget = 1L * 1024 * 1024;

    public static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(2);

    private long _allocatedAtStart;
    private long _allocatedAtLastCollection;
    private long _endedAt;
    private bool _running;
    private bool _pending;
    private long _lastCycleAllocated;

    /// <summary>
    /// The daemon's own: the process's allocation counter and real collections. The counter is the
    /// precise one: the cheap one leaves out what sits in threads' allocation contexts, so a delta
    /// can come out a few KB short (measured: 137 of 2,000 deltas around a 4 MB array with another
    /// thread allocating), enough to miss <see cref="Threshold"/>; it is read a few times a cycle.
    /// </summary>
    public static MemoryTrim ForProcess(TimeProvider timeProvider) =>
        new(timeProvider, () => GC.GetTotalAllocatedBytes(precise: true), CollectPlainly, CollectAggressively, HoldCollections, ReleaseCollections);

    /// <summary>Bytes allocated since <see cref="CycleStarted"/>, by any thread.</summary>
    public long AllocatedThisCycle => totalAllocated() - _allocatedAtStart;

    /// <summary>Whether the running cycle holds collections off (after a big cycle).</summary>
    public bool Holding { get; private set; }

    public void CycleStarted()
    {
        _running = true;
        _allocatedAtStart = totalAllocated();
        if (_lastCycleAllocated >= Threshold && holdCollections is not null)
        {
            Holding = holdCollections(Math.Min(MaxHold, _lastCycleAllocated + (_lastCycleAllocated / 4)));
        }
    }

    /// <summary>Ends a cycle; collects at once after a big cycle, or when small cycles have used up their budget.</summary>
    public void CycleEnded()
    {
        var allocatedBytes = AllocatedThisCycle;
        _lastCycleAllocated = allocatedBytes;
        _running = false;
        if (Holding)
        {
            Holding = false;
            releaseCollections?.Invoke();
        }

        _endedAt = timeProvider.GetTimestamp();
        if (allocatedBytes >= Threshold)
        {
            _pending = true;
            Collect(collectPlainly);
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

    /// <summary>Everything, compacted; the freed regions stay with the process for the next cycle.</summary>
    private static void CollectPlainly() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

    /// <summary>Everything, compacted, free memory decommitted.</summary>
    private static void CollectAggressively() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>A no-GC region; never a full collection to make room for it (false instead).</summary>
    private static bool HoldCollections(long bytes)
    {
        try
        {
            return GC.TryStartNoGCRegion(bytes, disallowFullBlockingGC: true);
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return false; // larger than the GC can promise, or one already runs
        }
    }

    /// <summary>Ends the region unless an allocation past its size ended it already.</summary>
    private static void ReleaseCollections()
    {
        if (System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.NoGCRegion)
        {
            return;
        }

        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The region ended on its own (a collection ran): nothing to end.
        }
    }

    private void Collect(Action collect)
    {
        collect();
        _allocatedAtLastCollection = totalAllocated();
    }
}

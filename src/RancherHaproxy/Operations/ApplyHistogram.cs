namespace RancherHaproxy.Operations;

/// <summary>
/// <c>rancher_haproxy_apply_duration_seconds</c>: cumulative-ready bucket counts, count and sum,
/// updated with Interlocked (no lock, no allocation) and read at any time.
/// </summary>
internal sealed class ApplyHistogram
{
    /// <summary>Upper bounds in seconds; +Inf is implicit.</summary>
    public static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Per bucket (not cumulative); the last one is above every bound.</summary>
    private readonly long[] _buckets = new long[Bounds.Length + 1];
    private long _count;
    private long _sumTicks;

    public long Count => Interlocked.Read(ref _count);

    public double SumSeconds => TimeSpan.FromTicks(Interlocked.Read(ref _sumTicks)).TotalSeconds;

    public void Observe(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var bucket = 0;
        while (bucket < Bounds.Length && seconds > Bounds[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Add(ref _sumTicks, duration.Ticks);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Observations at or below <see cref="Bounds"/>[<paramref name="index"/>] (index = Bounds.Length: all).</summary>
    public long CumulativeCount(int index)
    {
        long total = 0;
        for (var bucket = 0; bucket <= index; bucket++)
        {
            total += Interlocked.Read(ref _buckets[bucket]);
        }

        return total;
    }
}

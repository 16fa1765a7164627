namespace RancherHaproxy.Discovery;

/// <summary>What a <see cref="ContainerStreamReader"/> read took from its stream: bytes, and the time spent waiting for them.</summary>
internal sealed class StreamReadTimes(TimeProvider clock)
{
    public long Bytes { get; private set; }

    public TimeSpan Waiting { get; private set; }

    /// <summary>One read of the stream, started at <paramref name="startedAt"/> (the clock's timestamp).</summary>
    public void Read(long startedAt, int bytes)
    {
        Waiting += clock.GetElapsedTime(startedAt);
        Bytes += bytes;
    }

    public long Now() => clock.GetTimestamp();
}

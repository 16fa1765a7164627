namespace RancherHaproxy.Operations;

/// <summary>
/// The sync loop's sign of life for /healthz: the loop and the metadata source's waits beat it each
/// time they come round (a long-poll that ran its time, a file check, a cycle, a retry).
/// </summary>
internal sealed class Heartbeat(TimeProvider timeProvider)
{
    private long _last = timeProvider.GetTimestamp();

    public void Beat() => Interlocked.Exchange(ref _last, timeProvider.GetTimestamp());

    /// <summary>How long since the last beat (since creation before the first).</summary>
    public TimeSpan Age => timeProvider.GetElapsedTime(Interlocked.Read(ref _last));
}

namespace RancherHaproxy.Bench;

/// <summary>
/// The soak's clock, scaled to its length: the schedule for 10 minutes and more (faults every
/// ~30 s, review stacks living 30–120 s, SIGHUP every minute); a one-minute run (SOAK_MINUTES=1)
/// keeps the same kinds of events at a faster pace so that the same pass conditions mean something.
/// </summary>
internal sealed record SoakSchedule(
    TimeSpan Duration,
    TimeSpan FaultEvery,
    TimeSpan ReviewEvery,
    TimeSpan ReviewLifetimeMin,
    TimeSpan ReviewLifetimeMax,
    TimeSpan StableChangeEvery,
    TimeSpan SighupEvery,
    TimeSpan FirstRssAt,
    TimeSpan HardStopAfter)
{
    /// <summary>How long a backend answers after metadata stopped routing to it: the stopping container of real life.</summary>
    public static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(60);

    public static SoakSchedule For(int minutes)
    {
        var duration = TimeSpan.FromMinutes(minutes);
        return minutes <= 1
            ? new SoakSchedule(duration, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30),
                TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10))
            : new SoakSchedule(duration, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120),
                TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10));
    }
}

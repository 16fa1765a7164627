namespace RancherHaproxy.Sync;

/// <summary>A cycle's clock for its log line: how long the fetch took, and when the parsed answer was in hand.</summary>
internal sealed record CycleTimes(TimeProvider TimeProvider, TimeSpan Fetch, long ParsedAt)
{
    /// <summary>The cycle's phases (<see cref="CycleBreakdown"/>), one lap per step on the way to routes applied.</summary>
    public CycleBreakdown Breakdown { get; init; } = new(TimeProvider);

    public TimeSpan SinceParsed() => TimeProvider.GetElapsedTime(ParsedAt);
}

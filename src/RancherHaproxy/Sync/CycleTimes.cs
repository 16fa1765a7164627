namespace RancherHaproxy.Sync;

/// <summary>A cycle's clock for its log line: how long the fetch took, and when the parsed answer was in hand.</summary>
internal sealed record CycleTimes(TimeProvider TimeProvider, TimeSpan Fetch, long ParsedAt)
{
    public TimeSpan SinceParsed() => TimeProvider.GetElapsedTime(ParsedAt);
}

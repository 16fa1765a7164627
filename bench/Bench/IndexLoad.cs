namespace RancherHaproxy.Bench;

/// <summary>wrk on /stacks.json, the applies timed while it ran, and one timed after it, without it.</summary>
internal sealed record IndexLoad(
    int Stacks, int Connections, TimeSpan Duration, long Requests, long Failed, double PerSecond, IReadOnlyList<TimeSpan> Applies, TimeSpan QuietApply);

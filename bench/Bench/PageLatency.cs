namespace RancherHaproxy.Bench;

/// <summary>Sequential GETs of one index path: each time, the last body's size, and how many did not answer 200.</summary>
internal sealed record PageLatency(string Path, int Stacks, IReadOnlyList<TimeSpan> Times, long Bytes, int Failed);

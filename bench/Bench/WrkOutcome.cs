namespace RancherHaproxy.Bench;

/// <summary>One wrk run: requests, failed requests (-1 when wrk printed no summary), p50 and p99 in ms, and its output.</summary>
internal sealed record WrkOutcome(long Requests, long Failed, double P50Milliseconds, double P99Milliseconds, string Output);

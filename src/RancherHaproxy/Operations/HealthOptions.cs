namespace RancherHaproxy.Operations;

/// <summary>What the health endpoint needs besides the state it reports.</summary>
/// <param name="Address">HEALTH_ADDRESS: an IP literal.</param>
/// <param name="Port">HEALTH_PORT (1–65535).</param>
/// <param name="StallAfter">The sync loop is stalled when its heartbeat is older than this; null without a loop (DISABLE_METADATA).</param>
/// <param name="Version">The daemon's informational version.</param>
/// <param name="ExporterSocket">The unix socket of HAProxy's Prometheus exporter; null when HAProxy has none.</param>
internal sealed record HealthOptions(string Address, int Port, TimeSpan? StallAfter, string Version, string? ExporterSocket)
{
    /// <summary>The margin over the loop's longest legitimate wait.</summary>
    public static readonly TimeSpan StallMargin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest the loop may legitimately go without a beat (a long-poll that runs its time, or a
    /// poll after POLL_INTERVAL, each with the request's own timeout; or the largest back-off), plus
    /// <see cref="StallMargin"/>.
    /// </summary>
    public static TimeSpan StallLimit(TimeSpan longPollTimeout, TimeSpan requestTimeout, TimeSpan largestBackoff)
    {
        var poll = longPollTimeout + requestTimeout;
        var backoff = largestBackoff + requestTimeout;
        return (poll > backoff ? poll : backoff) + StallMargin;
    }
}

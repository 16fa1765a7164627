namespace RancherHaproxy.Configuration;

/// <summary>The daemon's own health, readiness and metrics endpoint, and the wait before a stop.</summary>
/// <param name="Port">HEALTH_PORT: 1–65535; 0 turns the endpoint off.</param>
/// <param name="Address">HEALTH_ADDRESS: the IPv4 or IPv6 literal the endpoint binds to.</param>
/// <param name="ShutdownDelay">SHUTDOWN_DELAY: after SIGTERM, how long /readyz answers 503 before HAProxy stops.</param>
internal sealed record HealthSettings(int Port, string Address, TimeSpan ShutdownDelay)
{
    public const int DefaultPort = 1042;

    public const string DefaultAddress = "0.0.0.0";

    /// <summary>Whether the endpoint is served at all.</summary>
    public bool Enabled => Port != 0;
}

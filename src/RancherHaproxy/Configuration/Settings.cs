using RancherHaproxy.Logging;

namespace RancherHaproxy.Configuration;

/// <summary>The daemon's validated settings, read once at start from the environment.</summary>
internal sealed record Settings
{
    public required string StackDomain { get; init; }

    public required string RancherLabel { get; init; }

    public required string RancherProxyLabel { get; init; }

    /// <summary>RANCHER_API_HOST: a host name or address, optionally with ":port".</summary>
    public required string MetadataHost { get; init; }

    public required string MetadataVersion { get; init; }

    /// <summary>METADATA_FILE: read metadata from this JSON file instead of the HTTP service.</summary>
    public required string? MetadataFile { get; init; }

    public required bool DisableMetadata { get; init; }

    public required TimeSpan PollInterval { get; init; }

    public required bool HealthFilter { get; init; }

    /// <summary>SPARE_BACKENDS: empty backends declared so that new stacks need no reload.</summary>
    public required int SpareBackends { get; init; }

    public required string HaproxyConfig { get; init; }

    public required string BackendConfig { get; init; }

    public required string DomainMap { get; init; }

    /// <summary>HAPROXY_STACK_MAP: the generated map from backend name to stack name (logs, error pages).</summary>
    public required string StackMap { get; init; }

    public required string RunDirectory { get; init; }

    public required string HaproxyBinary { get; init; }

    public required int HttpPort { get; init; }

    public required int HttpsPort { get; init; }

    public required int StatsPort { get; init; }

    public required TimeSpan ShutdownGrace { get; init; }

    /// <summary>TIMEOUT_TUNNEL, in HAProxy's time format: how long an idle websocket may live.</summary>
    public required string TimeoutTunnel { get; init; }

    /// <summary>HARD_STOP_AFTER, in HAProxy's time format: the longest drain of an old worker.</summary>
    public required string HardStopAfter { get; init; }

    /// <summary>HAPROXY_CRT_LIST: the generated certificate list the TLS frontend loads.</summary>
    public required string CrtList { get; init; }

    public required LogLevel LogLevel { get; init; }

    /// <summary>LOG_FORMAT: text (default) or one JSON object per line.</summary>
    public required LogFormat LogFormat { get; init; }

    public required TlsSettings Tls { get; init; }

    public required StatsSettings Stats { get; init; }

    public required string? SyslogHost { get; init; }

    public required string SyslogFacility { get; init; }

    public required ReviewAppSettings ReviewApps { get; init; }

    public required AuthSettings Auth { get; init; }

    /// <summary>HAPROXY_USER, HAPROXY_GROUP: whom HAProxy's workers run as.</summary>
    public required WorkerSettings Workers { get; init; }

    /// <summary>HEALTH_PORT, HEALTH_ADDRESS, SHUTDOWN_DELAY: the daemon's health endpoint and the wait before a stop.</summary>
    public required HealthSettings Health { get; init; }
}

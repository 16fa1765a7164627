namespace RancherHaproxy.Haproxy;

/// <summary>
/// The names of the environment variables the daemon exports to HAProxy, which haproxy.cfg expands
/// as "${NAME}": declared here once, for <see cref="HaproxyEnvironment"/> and for whoever overrides
/// one (e.g. the candidate check points <see cref="DomainMap"/> at the candidate map).
/// </summary>
internal static class HaproxyVariables
{
    public const string StackDomain = "STACK_DOMAIN";

    public const string HttpPort = "HTTP_PORT";

    public const string HttpsPort = "HTTPS_PORT";

    /// <summary>Empty for 443, else ":port": what a redirect to https appends to the host.</summary>
    public const string HttpsPortSuffix = "HTTPS_PORT_SUFFIX";

    public const string StatsPort = "STATS_PORT";

    public const string MainConfig = "HAPROXY_CONFIG";

    public const string BackendConfig = "HAPROXY_BACKEND_CONFIG";

    /// <summary>The host map the main config loads with <c>map_str("${HAPROXY_DOMAIN_MAP}")</c>.</summary>
    public const string DomainMap = "HAPROXY_DOMAIN_MAP";

    /// <summary>Backend → stack: the request log and error pages use <c>be_name,map_str("${HAPROXY_STACK_MAP}")</c>.</summary>
    public const string StackMap = "HAPROXY_STACK_MAP";

    public const string RunDirectory = "HAPROXY_RUN_DIR";

    /// <summary>`true` when INDEX_HOST is set: haproxy.cfg then routes it to the index backend.</summary>
    public const string IndexEnabled = "INDEX_ENABLED";

    /// <summary>INDEX_HOST as a full host name (`index.invalid` when the index is off: never empty).</summary>
    public const string IndexHost = "INDEX_HOST";

    /// <summary>The file of INDEX_ALLOW networks the index backend reads with <c>src -f</c>.</summary>
    public const string IndexAllowList = "HAPROXY_INDEX_ALLOW";

    /// <summary>The daemon's unix socket for the answer and index pages.</summary>
    public const string PagesSocket = "HAPROXY_PAGES_SOCKET";

    public const string SslCertificate = "HAPROXY_SSL_CERT";

    /// <summary>The certificate list the TLS frontend loads with <c>crt-list "${HAPROXY_CRT_LIST}"</c>.</summary>
    public const string CrtList = "HAPROXY_CRT_LIST";

    public const string HardStopAfter = "HARD_STOP_AFTER";

    public const string TimeoutTunnel = "TIMEOUT_TUNNEL";

    public const string EnableSsl = "ENABLE_SSL";

    public const string EnableSslRedirection = "ENABLE_SSL_REDIRECTION";

    public const string SslRedirectionType = "SSL_REDIRECTION_TYPE";

    public const string EnableStats = "ENABLE_STATS";

    public const string StatsUsername = "STATS_USERNAME";

    public const string StatsPassword = "STATS_PASSWORD";

    public const string SyslogFacility = "SYSLOG_FACILITY";

    public const string SyslogTarget = "SYSLOG_TARGET";
}

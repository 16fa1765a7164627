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

    /// <summary>Protected host → realm: the HTTP frontends use <c>map_str("${HAPROXY_AUTH_MAP}")</c>.</summary>
    public const string AuthMap = "HAPROXY_AUTH_MAP";

    /// <summary>`true` when ALLOW_CIDRS is set: the HTTP frontends refuse other sources with 403.</summary>
    public const string AllowEnabled = "ALLOW_ENABLED";

    /// <summary>The file of ALLOW_CIDRS networks (<c>src -f</c>); an empty file when unset.</summary>
    public const string AllowList = "HAPROXY_ALLOW_LIST";

    /// <summary>The file of AUTH_BYPASS_CIDRS networks (<c>src -f</c>), possibly empty.</summary>
    public const string AuthBypassList = "HAPROXY_AUTH_BYPASS_LIST";

    /// <summary>`true` when ACCEPT_PROXY_FROM is set: the HTTP listeners expect the PROXY protocol from its networks.</summary>
    public const string AcceptProxyEnabled = "ACCEPT_PROXY_ENABLED";

    /// <summary>The file of ACCEPT_PROXY_FROM networks (<c>src -f</c>); an empty file when unset.</summary>
    public const string AcceptProxyList = "HAPROXY_ACCEPT_PROXY_LIST";

    /// <summary>`true`: the Authorization header of an authenticated request goes on to the container.</summary>
    public const string AuthForward = "AUTH_FORWARD";

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

    /// <summary>The user HAProxy's workers drop to (`user` in the global section); exported only when they drop.</summary>
    public const string WorkerUser = "HAPROXY_WORKER_USER";

    /// <summary>The workers' group (`group`); exported only with <see cref="WorkerUser"/>.</summary>
    public const string WorkerGroup = "HAPROXY_WORKER_GROUP";

    /// <summary>`true` when the daemon serves HAProxy's Prometheus exporter at /metrics/haproxy: haproxy.cfg then declares <c>frontend prometheus</c>.</summary>
    public const string PrometheusExporter = "PROMETHEUS_EXPORTER";
}

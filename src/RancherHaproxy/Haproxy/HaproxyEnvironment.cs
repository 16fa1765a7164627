using System.Globalization;
using RancherHaproxy.Configuration;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// The variables HAProxy expands in haproxy.cfg ("${HTTP_PORT}" and so on, named in
/// <see cref="HaproxyVariables"/>), every one normalised and defaulted by the daemon, so the config
/// never sees an unset or unvalidated value. Booleans become `true`/`false` for
/// `.if streq("${ENABLE_SSL}",true)`.
/// </summary>
internal static class HaproxyEnvironment
{
    /// <param name="syslogTarget">`host[:port]` for HAProxy's `log` line, or `stdout`.</param>
    /// <param name="prometheusExporter">Whether haproxy.cfg declares the exporter frontend (the build has PROMEX and HEALTH_PORT is on).</param>
    public static Dictionary<string, string> Build(Settings settings, string syslogTarget, bool prometheusExporter = false)
    {
        var variables = Common(settings, syslogTarget, prometheusExporter);
        if (settings.Workers.Mode == WorkerMode.Drop)
        {
            // haproxy.cfg tests `.if defined(HAPROXY_WORKER_USER)`: set only when the workers drop root.
            variables[HaproxyVariables.WorkerUser] = settings.Workers.User!;
            variables[HaproxyVariables.WorkerGroup] = settings.Workers.Group!;
        }

        return variables;
    }

    /// <summary>
    /// Sets <paramref name="variables"/> on a child's environment (which starts as the daemon's own). The
    /// worker user is the daemon's decision: one the daemon's own environment happens to carry is removed.
    /// </summary>
    public static void ApplyTo(IDictionary<string, string?> target, IReadOnlyDictionary<string, string> variables)
    {
        foreach (var name in (string[])[HaproxyVariables.WorkerUser, HaproxyVariables.WorkerGroup])
        {
            if (!variables.ContainsKey(name))
            {
                target.Remove(name);
            }
        }

        foreach (var (name, value) in variables)
        {
            target[name] = value;
        }
    }

    private static Dictionary<string, string> Common(Settings settings, string syslogTarget, bool prometheusExporter) => new(StringComparer.Ordinal)
    {
        [HaproxyVariables.StackDomain] = settings.StackDomain,
        [HaproxyVariables.HttpPort] = Number(settings.HttpPort),
        [HaproxyVariables.HttpsPort] = Number(settings.HttpsPort),
        [HaproxyVariables.HttpsPortSuffix] = settings.HttpsPort == 443 ? string.Empty : ":" + Number(settings.HttpsPort),
        [HaproxyVariables.StatsPort] = Number(settings.StatsPort),
        [HaproxyVariables.MainConfig] = settings.HaproxyConfig,
        [HaproxyVariables.BackendConfig] = settings.BackendConfig,
        [HaproxyVariables.DomainMap] = settings.DomainMap,
        [HaproxyVariables.StackMap] = settings.StackMap,
        [HaproxyVariables.IndexEnabled] = Flag(settings.ReviewApps.IndexHost is not null),
        [HaproxyVariables.IndexHost] = settings.ReviewApps.IndexHost ?? "index.invalid",
        [HaproxyVariables.IndexAllowList] = IndexAllowPath(settings),
        [HaproxyVariables.PagesSocket] = PagesSocketPath(settings),
        [HaproxyVariables.AuthMap] = settings.Auth.AuthMap,
        [HaproxyVariables.AllowEnabled] = Flag(settings.Auth.AllowCidrs.Count > 0),
        [HaproxyVariables.AllowList] = AllowListPath(settings),
        [HaproxyVariables.AuthBypassList] = AuthBypassListPath(settings),
        [HaproxyVariables.AcceptProxyEnabled] = Flag(settings.Auth.AcceptProxyFrom.Count > 0),
        [HaproxyVariables.AcceptProxyList] = AcceptProxyListPath(settings),
        [HaproxyVariables.AuthForward] = Flag(settings.Auth.Forward),
        [HaproxyVariables.RunDirectory] = settings.RunDirectory,
        [HaproxyVariables.SslCertificate] = settings.Tls.CertificatePath,
        [HaproxyVariables.CrtList] = settings.CrtList,
        [HaproxyVariables.HardStopAfter] = settings.HardStopAfter,
        [HaproxyVariables.TimeoutTunnel] = settings.TimeoutTunnel,
        [HaproxyVariables.EnableSsl] = Flag(settings.Tls.Enabled),
        [HaproxyVariables.EnableSslRedirection] = Flag(settings.Tls.Redirect),
        [HaproxyVariables.SslRedirectionType] = Number(settings.Tls.RedirectStatus),
        [HaproxyVariables.EnableStats] = Flag(settings.Stats.Enabled),
        [HaproxyVariables.StatsUsername] = settings.Stats.Username,
        [HaproxyVariables.StatsPassword] = settings.Stats.Password,
        [HaproxyVariables.SyslogFacility] = settings.SyslogFacility,
        [HaproxyVariables.SyslogTarget] = syslogTarget,
        [HaproxyVariables.PrometheusExporter] = Flag(prometheusExporter),
    };

    /// <summary>The unix socket of haproxy.cfg's <c>frontend prometheus</c>, in the run directory.</summary>
    public static string PrometheusSocketPath(Settings settings) => Path.Combine(settings.RunDirectory, "prometheus.sock");

    /// <summary>The daemon's unix socket for the pages, in the run directory.</summary>
    public static string PagesSocketPath(Settings settings) => Path.Combine(settings.RunDirectory, "pages.sock");

    /// <summary>The INDEX_ALLOW networks, one per line, written at start for the index backend's <c>src -f</c>.</summary>
    public static string IndexAllowPath(Settings settings) => Path.Combine(settings.RunDirectory, "index-allow.lst");

    /// <summary>ALLOW_CIDRS, one network per line (empty when unset), written at start.</summary>
    public static string AllowListPath(Settings settings) => Path.Combine(settings.RunDirectory, "allow.lst");

    /// <summary>AUTH_BYPASS_CIDRS, one network per line (possibly empty), written at start.</summary>
    public static string AuthBypassListPath(Settings settings) => Path.Combine(settings.RunDirectory, "auth-bypass.lst");

    /// <summary>ACCEPT_PROXY_FROM, one network per line (empty when unset), written at start.</summary>
    public static string AcceptProxyListPath(Settings settings) => Path.Combine(settings.RunDirectory, "accept-proxy.lst");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}

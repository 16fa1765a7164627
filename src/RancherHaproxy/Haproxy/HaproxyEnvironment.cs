using System.Globalization;
using RancherHaproxy.Configuration;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// The variables HAProxy expands in haproxy.cfg ("${HTTP_PORT}" and so on), every one normalised and
/// defaulted by the daemon, so the config never sees an unset or unvalidated value. Booleans become
/// `true`/`false` for `.if streq("${ENABLE_SSL}",true)`.
/// </summary>
internal static class HaproxyEnvironment
{
    /// <param name="syslogTarget">`host[:port]` for HAProxy's `log` line, or `stdout`.</param>
    public static Dictionary<string, string> Build(Settings settings, string syslogTarget) => new(StringComparer.Ordinal)
    {
        ["STACK_DOMAIN"] = settings.StackDomain,
        ["HTTP_PORT"] = Number(settings.HttpPort),
        ["HTTPS_PORT"] = Number(settings.HttpsPort),
        ["HTTPS_PORT_SUFFIX"] = settings.HttpsPort == 443 ? string.Empty : ":" + Number(settings.HttpsPort),
        ["STATS_PORT"] = Number(settings.StatsPort),
        ["HAPROXY_CONFIG"] = settings.HaproxyConfig,
        ["HAPROXY_BACKEND_CONFIG"] = settings.BackendConfig,
        ["HAPROXY_DOMAIN_MAP"] = settings.DomainMap,
        ["HAPROXY_RUN_DIR"] = settings.RunDirectory,
        ["HAPROXY_SSL_CERT"] = settings.Tls.CertificatePath,
        ["HAPROXY_CRT_LIST"] = settings.CrtList,
        ["HARD_STOP_AFTER"] = settings.HardStopAfter,
        ["TIMEOUT_TUNNEL"] = settings.TimeoutTunnel,
        ["ENABLE_SSL"] = Flag(settings.Tls.Enabled),
        ["ENABLE_SSL_REDIRECTION"] = Flag(settings.Tls.Redirect),
        ["SSL_REDIRECTION_TYPE"] = Number(settings.Tls.RedirectStatus),
        ["ENABLE_STATS"] = Flag(settings.Stats.Enabled),
        ["STATS_USERNAME"] = settings.Stats.Username,
        ["STATS_PASSWORD"] = settings.Stats.Password,
        ["SYSLOG_FACILITY"] = settings.SyslogFacility,
        ["SYSLOG_TARGET"] = syslogTarget,
    };

    public static HaproxyOptions Options(Settings settings, string syslogTarget) => new(
        settings.HaproxyBinary,
        settings.HaproxyConfig,
        settings.BackendConfig,
        settings.DomainMap,
        settings.RunDirectory,
        Build(settings, syslogTarget),
        settings.ShutdownGrace,
        LauncherPath: Environment.ProcessPath);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}

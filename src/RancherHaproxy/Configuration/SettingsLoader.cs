using Microsoft.Extensions.Configuration;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Configuration;

/// <summary>
/// Maps environment variables (the original image's names, plus new ones) to <see cref="Settings"/>
/// by hand, no reflection binder, and validates all of them at once.
/// </summary>
internal static partial class SettingsLoader
{
    public const string ConfigDirectory = "/usr/local/etc/haproxy";

    private static readonly Dictionary<string, LogLevel> LogLevels = new(StringComparer.Ordinal)
    {
        ["debug"] = LogLevel.Debug,
        ["info"] = LogLevel.Info,
        ["warn"] = LogLevel.Warn,
        ["error"] = LogLevel.Error,
    };

    private static readonly Dictionary<string, int> RedirectStatuses = new(StringComparer.Ordinal)
    {
        ["301"] = 301,
        ["302"] = 302,
        ["303"] = 303,
        ["307"] = 307,
        ["308"] = 308,
    };

    /// <summary>The syslog facilities HAProxy knows (its `log` keyword).</summary>
    private static readonly Dictionary<string, string> SyslogFacilities = new[]
    {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "auth2",
        "ftp", "ntp", "audit", "alert", "cron2", "local0", "local1", "local2", "local3", "local4",
        "local5", "local6", "local7",
    }.ToDictionary(name => name, StringComparer.Ordinal);

    /// <summary>The system's user database and the daemon's own privileges decide whom HAProxy's workers run as.</summary>
    public static SettingsResult Load(IConfiguration configuration) =>
        Load(configuration, SystemUserDatabase.Instance, Environment.IsPrivilegedProcess);

    public static SettingsResult Load(IConfiguration configuration, IUserDatabase users, bool daemonIsRoot)
    {
        var reader = new SettingsReader(configuration);
        var backendConfig = reader.Path("HAPROXY_BACKEND_CONFIG", ConfigDirectory + "/haproxy-backends.cfg");
        var domainMap = reader.Path("HAPROXY_DOMAIN_MAP", ConfigDirectory + "/domain.map");
        var stackDomain = ReadStackDomain(reader);
        var settings = new Settings
        {
            StackDomain = stackDomain,
            RancherLabel = ReadLabel(reader, "RANCHER_LABEL", "map-public-http"),
            RancherProxyLabel = ReadLabel(reader, "RANCHER_PROXY_LABEL", "send-proxy"),
            MetadataHost = ReadMetadataHost(reader),
            MetadataVersion = ReadApiVersion(reader),
            MetadataFile = ReadMetadataFile(reader),
            DisableMetadata = reader.Boolean("DISABLE_METADATA", false),
            PollInterval = reader.Seconds("POLL_INTERVAL", 10, 3600),
            HealthFilter = reader.Boolean("HEALTH_FILTER", true),
            SpareBackends = reader.Integer("SPARE_BACKENDS", 32, 0, 1000),
            HaproxyConfig = reader.Path("HAPROXY_CONFIG", ConfigDirectory + "/haproxy.cfg"),
            BackendConfig = backendConfig,
            DomainMap = domainMap,
            StackMap = reader.Path("HAPROXY_STACK_MAP", Beside(domainMap, "stacks.map")),
            RunDirectory = reader.Path("HAPROXY_RUN_DIR", "/var/run/haproxy"),
            HaproxyBinary = reader.Path("HAPROXY_BIN", "haproxy"),
            HttpPort = reader.Port("HTTP_PORT", 80),
            HttpsPort = reader.Port("HTTPS_PORT", 443),
            StatsPort = reader.Port("STATS_PORT", 1936),
            ShutdownGrace = reader.Seconds("SHUTDOWN_GRACE", 10, 3600),
            TimeoutTunnel = ReadHaproxyTime(reader, "TIMEOUT_TUNNEL", "1h"),
            HardStopAfter = ReadHaproxyTime(reader, "HARD_STOP_AFTER", "30m"),
            CrtList = reader.Path("HAPROXY_CRT_LIST", Beside(backendConfig, "crt-list.txt")),
            LogLevel = reader.Choice("LOG_LEVEL", LogLevel.Info, LogLevels),
            LogFormat = ReadLogFormat(reader),
            Tls = ReadTls(reader),
            Stats = ReadStats(reader),
            SyslogHost = ReadSyslogHost(reader),
            SyslogFacility = reader.Choice("SYSLOG_FACILITY", "daemon", SyslogFacilities),
            ReviewApps = ReadReviewApps(reader, stackDomain),
            Auth = ReadAuth(reader, domainMap),
            Workers = ReadWorkers(reader, users, daemonIsRoot),
            Health = ReadHealth(reader),
        };
        return new SettingsResult(reader.Errors.Count == 0 ? settings : null, reader.Errors);
    }

    /// <summary>
    /// A generated file's default path: beside <paramref name="path"/> (the stack and auth maps beside
    /// the host map, the certificate list beside the backends file), so instances with their own paths stay apart.
    /// </summary>
    private static string Beside(string path, string fileName) =>
        Path.Combine(SettingsValidation.IsSafePath(path) ? Path.GetDirectoryName(path) ?? ConfigDirectory : ConfigDirectory, fileName);

    private static string ReadStackDomain(SettingsReader reader)
    {
        var value = reader.Required("STACK_DOMAIN");
        var domain = value.TrimEnd('.').ToLowerInvariant();
        if (value.Length > 0 && !SettingsValidation.IsDnsName(domain))
        {
            reader.Fail("STACK_DOMAIN", $"must be a DNS name such as dev.example.com, not '{value}'");
        }

        return domain;
    }

    private static string ReadLabel(SettingsReader reader, string name, string defaultValue)
    {
        var label = reader.String(name, defaultValue);
        if (!SettingsValidation.IsLabelKey(label))
        {
            reader.Fail(name, $"must be a label key of letters, digits, '.', '-', '_' or '/', not '{label}'");
        }

        return label;
    }

    private static string ReadMetadataHost(SettingsReader reader)
    {
        var host = reader.String("RANCHER_API_HOST", "rancher-metadata.rancher.internal");
        if (!SettingsValidation.IsHostAndPort(host))
        {
            reader.Fail("RANCHER_API_HOST", $"must be host or host:port, not '{host}'");
        }

        return host;
    }

    private static string ReadApiVersion(SettingsReader reader)
    {
        var version = reader.String("RANCHER_API_VERSION", "2015-12-19");
        if (!SettingsValidation.IsApiVersion(version))
        {
            reader.Fail("RANCHER_API_VERSION", $"must be a dated version such as 2015-12-19, or latest, not '{version}'");
        }

        return version;
    }

    private static string? ReadMetadataFile(SettingsReader reader)
    {
        var path = reader.Optional("METADATA_FILE");
        if (path is not null && !File.Exists(path))
        {
            reader.Fail("METADATA_FILE", $"names a file that does not exist: {path}");
        }

        return path;
    }

    private static TlsSettings ReadTls(SettingsReader reader) => new(
        Enabled: reader.Boolean("ENABLE_SSL", false),
        Redirect: reader.Boolean("ENABLE_SSL_REDIRECTION", false),
        RedirectStatus: reader.Choice("SSL_REDIRECTION_TYPE", 301, RedirectStatuses),
        Base64Encoded: reader.Boolean("SSL_BASE64_ENCODED", false),
        CertificatePath: reader.Path("HAPROXY_SSL_CERT", ConfigDirectory + "/server.pem"),
        CertificateDirectory: ReadDirectory(reader, "HAPROXY_SSL_CERT_DIR"));

    private static string? ReadDirectory(SettingsReader reader, string name)
    {
        var path = reader.Optional(name);
        if (path is null)
        {
            return null;
        }

        if (!SettingsValidation.IsSafePath(path))
        {
            reader.Fail(name, "must be a directory path without quotes, '$', '\\' or control characters");
        }
        else if (!Directory.Exists(path))
        {
            reader.Fail(name, $"names a directory that does not exist: {path}");
        }

        return path;
    }

    private static string ReadHaproxyTime(SettingsReader reader, string name, string defaultValue)
    {
        var value = reader.String(name, defaultValue);
        if (!SettingsValidation.IsHaproxyTime(value))
        {
            reader.Fail(name, $"must be a time such as 30s, 15m or 1h (HAProxy's units us, ms, s, m, h, d), not '{value}'");
        }

        return value;
    }

    private static StatsSettings ReadStats(SettingsReader reader)
    {
        var enabled = reader.Boolean("ENABLE_STATS", false);
        var username = reader.String("STATS_USERNAME", "haproxy");
        var password = reader.String("STATS_PASSWORD", "haproxy");
        if (username.Any(c => char.IsControl(c) || c is ':' or ' ' or '"' or '\\' or '$'))
        {
            reader.Fail("STATS_USERNAME", "must not contain ':', spaces, quotes, '$', '\\' or control characters");
        }

        if (password.Any(c => char.IsControl(c) || c is ' ' or '"' or '\\' or '$'))
        {
            reader.Fail("STATS_PASSWORD", "must not contain spaces, quotes, '$', '\\' or control characters");
        }

        return new StatsSettings(enabled, username, password);
    }

    private static string? ReadSyslogHost(SettingsReader reader)
    {
        var host = reader.Optional("SYSLOG_HOST");
        if (host is not null && !SettingsValidation.IsHostAndPort(host))
        {
            reader.Fail("SYSLOG_HOST", $"must be host or host:port, not '{host}'");
        }

        return host;
    }
}

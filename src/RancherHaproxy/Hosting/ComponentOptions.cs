using RancherHaproxy.Configuration;
using RancherHaproxy.Discovery;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Operations;
using RancherHaproxy.Routing;
using RancherHaproxy.Sync;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Hosting;

/// <summary>
/// Settings become each component's options here and nowhere else: a new variable is read in
/// <see cref="SettingsLoader"/> and handed on in this file.
/// </summary>
internal static class ComponentOptions
{
    /// <summary>A /containers answer larger than this is refused rather than read.</summary>
    public const long MaxAnswerBytes = 256L * 1024 * 1024;

    /// <summary>How long one command on HAProxy's admin socket may take.</summary>
    public static readonly TimeSpan AdminSocketTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How often local mode looks at METADATA_FILE.</summary>
    public static readonly TimeSpan MetadataFileInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Only the labels routing and the index read are kept from /containers.</summary>
    public static ContainerJson Containers(Settings settings) =>
        new([settings.RancherLabel, settings.RancherProxyLabel, Routing(settings).HostsLabel, Routing(settings).AuthLabel, .. settings.ReviewApps.IndexLabels]);

    /// <summary>
    /// The health endpoint; null with HEALTH_PORT=0. The sync loop is stalled past its longest wait
    /// (a long-poll and a request's timeout, or the largest back-off) plus a margin; without a loop
    /// (DISABLE_METADATA) only HAProxy counts.
    /// </summary>
    public static HealthOptions? Health(Settings settings, string version, bool prometheusExporter)
    {
        if (!settings.Health.Enabled)
        {
            return null;
        }

        var metadata = Metadata(settings);
        var stallAfter = settings.DisableMetadata && settings.MetadataFile is null
            ? (TimeSpan?)null
            : HealthOptions.StallLimit(MetadataClient.LongPollTimeout(metadata), metadata.RequestTimeout, settings.PollInterval);
        return new HealthOptions(settings.Health.Address, settings.Health.Port, stallAfter, version,
            prometheusExporter ? HaproxyEnvironment.PrometheusSocketPath(settings) : null);
    }

    public static MetadataClientOptions Metadata(Settings settings) => new(
        settings.MetadataHost,
        settings.MetadataVersion,
        settings.PollInterval,
        MetadataClient.DefaultLongPollWait,
        MaxAnswerBytes);

    /// <param name="syslogTarget">`host[:port]` for HAProxy's `log` line, or `stdout`.</param>
    /// <param name="launcherPath">The daemon's own executable, which starts HAProxy with a parent-death signal.</param>
    /// <param name="prometheusExporter">Declare HAProxy's exporter frontend (for /metrics/haproxy).</param>
    public static HaproxyOptions Haproxy(Settings settings, string syslogTarget, string? launcherPath, bool prometheusExporter = false) => new(
        settings.HaproxyBinary,
        settings.HaproxyConfig,
        settings.BackendConfig,
        settings.RunDirectory,
        HaproxyEnvironment.Build(settings, syslogTarget, prometheusExporter),
        settings.ShutdownGrace,
        launcherPath);

    public static SyncLoopOptions Loop(Settings settings, CertificateOptions certificates) => new(
        Routing(settings),
        settings.HaproxyConfig,
        settings.BackendConfig,
        settings.DomainMap,
        settings.CrtList,
        certificates,
        settings.Tls.CertificateDirectory,
        settings.PollInterval)
    {
        SpareBackends = settings.SpareBackends,
        StackMapPath = settings.StackMap,
        AuthMapPath = settings.Auth.AuthMap,
        StartUsers = settings.Auth.Users,
        ConsolidateAfter = settings.ReviewApps.ConsolidateAfter,
    };

    public static RoutingOptions Routing(Settings settings) =>
        new(settings.StackDomain, settings.RancherLabel, settings.RancherProxyLabel, settings.HealthFilter)
        {
            ExtraDomains = settings.ReviewApps.ExtraDomains,
            ReservedHost = settings.ReviewApps.IndexHost,
            IndexLabels = settings.ReviewApps.IndexLabels,
            AuthDefault = settings.Auth.Default,
            AuthAllowOptOut = settings.Auth.AllowOptOut,
        };

    /// <param name="mounted">HAPROXY_SSL_CERT is the user's own file (used as is), not built from service metadata.</param>
    public static CertificateOptions Certificates(Settings settings, bool mounted) => new(
        settings.Tls.Enabled, settings.Tls.CertificatePath, mounted, settings.Tls.Base64Encoded,
        Path.Combine(settings.RunDirectory, PlaceholderCertificate.FileName));
}

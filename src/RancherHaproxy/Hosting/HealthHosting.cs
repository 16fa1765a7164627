using System.Reflection;
using RancherHaproxy.Configuration;
using RancherHaproxy.Logging;
using RancherHaproxy.Operations;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Hosting;

/// <summary>The health endpoint at start: what the HAProxy binary can do, then the listener (when HEALTH_PORT is not 0).</summary>
internal static class HealthHosting
{
    /// <summary>The daemon's informational version (the build's, with its commit when known).</summary>
    public static string Version { get; } =
        typeof(HealthHosting).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Reads <c>haproxy -vv</c> once (version, PROMEX); without the endpoint nothing would use it.</summary>
    public static async Task<HaproxyBuild> DetectAsync(Settings settings, OperationsState operations)
    {
        if (!settings.Health.Enabled)
        {
            return HaproxyBuild.Unknown;
        }

        var build = await HaproxyBuild.DetectAsync(settings.HaproxyBinary, CancellationToken.None).ConfigureAwait(false);
        operations.HaproxyVersionKnown(build.Version);
        return build;
    }

    /// <summary>Binds and serves; null with HEALTH_PORT=0. A failed bind is logged and routing goes on.</summary>
    /// <param name="certificates">The certificate report for /metrics; null without ENABLE_SSL.</param>
    public static HealthServer? Start(Settings settings, HaproxyBuild build, OperationsState operations, ICertificateReport? certificates, Logger log)
    {
        var options = ComponentOptions.Health(settings, Version, build.HasPrometheusExporter);
        if (options is null)
        {
            return null;
        }

        var server = new HealthServer(options, () => operations.View(certificates), TimeProvider.System, log);
        server.Start();
        return server;
    }
}

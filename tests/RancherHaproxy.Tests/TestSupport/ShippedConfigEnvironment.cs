using System.Globalization;
using Microsoft.Extensions.Configuration;
using RancherHaproxy.Configuration;
using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// The environment the shipped haproxy.cfg expands, exactly as the daemon exports it (every
/// setting defaulted), with a test's own port, run directory and generated files.
/// </summary>
internal static class ShippedConfigEnvironment
{
    public static Dictionary<string, string> Create(int httpPort, string runDirectory, string domainMapPath, string? crtListPath = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["STACK_DOMAIN"] = "example.com",
            ["HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["HAPROXY_RUN_DIR"] = runDirectory,
            ["HAPROXY_DOMAIN_MAP"] = domainMapPath,
            ["HAPROXY_CRT_LIST"] = crtListPath ?? Path.Combine(runDirectory, "crt-list.txt"),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var settings = SettingsLoader.Load(configuration).Settings
            ?? throw new InvalidOperationException("The test settings are invalid.");
        return HaproxyEnvironment.Build(settings, "stdout");
    }
}

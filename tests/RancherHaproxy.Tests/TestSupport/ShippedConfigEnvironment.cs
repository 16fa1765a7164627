using System.Globalization;
using Microsoft.Extensions.Configuration;
using RancherHaproxy.Configuration;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Hosting;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// The environment the shipped haproxy.cfg expands, exactly as the daemon exports it (every
/// setting defaulted), with a test's own port, run directory and generated files.
/// </summary>
internal static class ShippedConfigEnvironment
{
    /// <param name="settings">More settings, as the user would set them (e.g. ENABLE_SSL=true), and PROMETHEUS_EXPORTER=true for the exporter frontend.</param>
    public static Dictionary<string, string> Create(
        int httpPort, string runDirectory, string domainMapPath, string? crtListPath = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["STACK_DOMAIN"] = "example.com",
            ["HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["HAPROXY_RUN_DIR"] = runDirectory,
            ["HAPROXY_DOMAIN_MAP"] = domainMapPath,
            ["HAPROXY_CRT_LIST"] = crtListPath ?? Path.Combine(runDirectory, "crt-list.txt"),
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var result = SettingsLoader.Load(configuration);
        var loaded = result.Settings ?? throw new InvalidOperationException(
            "The test settings are invalid: " + string.Join("; ", result.Errors.Select(error => $"{error.Variable} {error.Reason}")));

        // The daemon writes the network lists, the stack map and the auth map before HAProxy starts: the shipped config loads them.
        Directory.CreateDirectory(loaded.RunDirectory);
        PageHosting.WriteFiles(loaded);

        // Where the daemon sends HAProxy's logs when metadata names no agent IP (Runtime/Syslog.cs). PROMETHEUS_EXPORTER is
        // not a setting: the daemon sets it from `haproxy -vv`; a test asks for the exporter frontend by naming it.
        var exporter = values.TryGetValue(HaproxyVariables.PrometheusExporter, out var flag) && flag == "true";
        return HaproxyEnvironment.Build(loaded, loaded.SyslogHost ?? Syslog.Stdout, exporter);
    }
}

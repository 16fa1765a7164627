using System.Diagnostics;
using RancherHaproxy.Rendering;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>Runs the real `haproxy -c` on the shipped config plus rendered files, as the daemon does.</summary>
internal static class HaproxyCheck
{
    /// <summary>Exit code and HAProxy's output for the rendered map and backends.</summary>
    /// <param name="settings">Settings as the user would set them, exported as the daemon would (ENABLE_SSL=true …).</param>
    public static (int ExitCode, string Output) Run(RenderedConfig rendered, IReadOnlyDictionary<string, string>? settings = null)
    {
        using var directory = new TempDirectory();
        var map = directory.Combine("domain.map");
        var backends = directory.Combine("haproxy-backends.cfg");
        var crtList = directory.Combine("crt-list.txt");
        var certificate = directory.Combine(PlaceholderCertificate.FileName);
        File.WriteAllText(map, rendered.DomainMap);
        File.WriteAllText(backends, rendered.Backends);
        File.WriteAllText(certificate, PlaceholderCertificate.Pem);
        File.WriteAllText(crtList, certificate + "\n");

        var start = new ProcessStartInfo(HaproxyBinary.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", "-f", RepositoryPaths.ShippedHaproxyConfig, "-f", backends })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in ShippedConfigEnvironment.Create(FreePort.Next(), directory.Path, map, crtList, settings))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            return (-1, "haproxy -c did not finish within 30 s");
        }

        return (process.ExitCode, output + error.GetAwaiter().GetResult());
    }
}

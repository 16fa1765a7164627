using System.Diagnostics;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary><c>rancher-haproxy healthcheck</c> run as Docker runs a HEALTHCHECK: only the variables given, output captured, bounded in time.</summary>
internal static class HealthcheckCommand
{
    public static async Task<(int ExitCode, string Output, TimeSpan Elapsed)> RunAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(RepositoryPaths.DaemonBinary, "healthcheck")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("rancher-haproxy healthcheck did not exit within 15 s: it must give up after 2 s.");
        }

        return (process.ExitCode, (await output) + (await error), stopwatch.Elapsed);
    }

    public static Dictionary<string, string> Environment(string? healthPort)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" };
        if (healthPort is not null)
        {
            environment["HEALTH_PORT"] = healthPort;
        }

        return environment;
    }
}

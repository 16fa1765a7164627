using System.ComponentModel;
using System.Diagnostics;
using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Operations;

/// <summary>
/// What <c>haproxy -vv</c> says about the binary, read once at start: its version, and whether it was
/// built with the Prometheus exporter (<c>PROMEX</c> among its built-in services/options).
/// </summary>
internal sealed record HaproxyBuild(string? Version, bool HasPrometheusExporter)
{
    public static HaproxyBuild Unknown { get; } = new(null, false);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Pure: from the output of <c>haproxy -vv</c> ("HAProxy version 3.2.0-e134140d2 2025/05/28 - …").</summary>
    public static HaproxyBuild Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var firstLine = output.Split('\n', 2)[0];
        var words = firstLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.IndexOf(words, "version");
        var version = index >= 0 && index + 1 < words.Length ? words[index + 1] : null;
        return new HaproxyBuild(version, output.Contains("PROMEX", StringComparison.Ordinal));
    }

    /// <summary>Runs <c>haproxy -vv</c>; <see cref="Unknown"/> when it cannot run or takes too long.</summary>
    public static async Task<HaproxyBuild> DetectAsync(string binaryPath, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(binaryPath);
        startInfo.ArgumentList.Add("-vv");
        try
        {
            var run = await ChildCommand.RunAsync(startInfo, Timeout, cancellationToken).ConfigureAwait(false);
            return run.TimedOut ? Unknown : Parse(run.StandardOutput);
        }
        catch (Win32Exception)
        {
            return Unknown;
        }
    }
}

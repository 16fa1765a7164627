using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RancherHaproxy.Bench;

/// <summary>
/// wrk with a Lua <c>delay()</c> per request, so that steady traffic for minutes leaves the two cores
/// to the daemon and HAProxy; <c>--latency</c> gives p50 and p99. Failed as <see cref="Wrk.Count"/>.
/// </summary>
internal static partial class PacedWrk
{
    public static Process Start(string url, string host, int connections, TimeSpan duration, string script) =>
        Process.Start(new ProcessStartInfo("wrk")
        {
            ArgumentList =
            {
                "-t1", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--timeout", "5s", "--latency",
                "-s", script, "-H", $"Host: {host}", url,
            },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("cannot start wrk");

    /// <summary>A script that waits <paramref name="milliseconds"/> before each request of each connection.</summary>
    public static string WriteScript(string directory, int milliseconds)
    {
        var path = Path.Combine(directory, "paced.lua");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"function delay()\n  return {milliseconds}\nend\n"));
        return path;
    }

    /// <summary>Stops wrk with SIGINT (it still prints its summary) and reads it.</summary>
    public static async Task<WrkOutcome> StopAsync(Process wrk)
    {
        await Wrk.InterruptAsync(wrk);
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        return Parse(output);
    }

    public static WrkOutcome Parse(string output)
    {
        var (requests, failed) = Wrk.Count(output) ?? (0, -1);
        return new WrkOutcome(
            requests,
            failed,
            Milliseconds(output, "50"),
            Milliseconds(output, "99"),
            output);
    }

    private static double Milliseconds(string output, string percentile)
    {
        var match = PercentilePattern().Matches(output).FirstOrDefault(found => found.Groups[1].Value == percentile);
        if (match is null)
        {
            return double.NaN;
        }

        var value = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return match.Groups[3].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    [GeneratedRegex(@"^\s*(50|99)%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex PercentilePattern();
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RancherHaproxy.Bench;

/// <summary>wrk with keep-alive connections against one host; failed = socket errors + non-2xx/3xx.</summary>
internal static partial class Wrk
{
    public static Process Start(int port, string host, int connections, TimeSpan duration, string path = "/") =>
        Process.Start(new ProcessStartInfo("wrk")
        {
            ArgumentList =
            {
                "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--timeout", "5s", "-H", $"Host: {host}",
                string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{path}"),
            },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("cannot start wrk");

    public static async Task<(long Requests, long Failed)> ResultAsync(Process wrk)
    {
        var (requests, failed, _) = await OutcomeAsync(wrk);
        return (requests, failed);
    }

    /// <summary>Ends with a SIGINT, as Ctrl-C does: wrk stops at once and still prints its summary.</summary>
    public static async Task<(long Requests, long Failed)> StopAsync(Process wrk)
    {
        await InterruptAsync(wrk);
        return await ResultAsync(wrk);
    }

    /// <summary>SIGINT: wrk stops and prints its summary, which is still to be read.</summary>
    public static async Task InterruptAsync(Process wrk)
    {
        if (!wrk.HasExited)
        {
            using var interrupt = Process.Start("kill", ["-INT", wrk.Id.ToString(CultureInfo.InvariantCulture)]);
            await interrupt!.WaitForExitAsync();
        }
    }

    /// <summary>Requests, failed requests and wrk's own requests per second.</summary>
    public static async Task<(long Requests, long Failed, double PerSecond)> OutcomeAsync(Process wrk)
    {
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var (requests, failed) = Count(output) ?? throw new InvalidOperationException("wrk printed no summary: " + output);
        var perSecond = double.Parse(PerSecondPattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return (requests, failed, perSecond);
    }

    /// <summary>Requests and failed requests (socket errors + non-2xx/3xx) from wrk's summary; null when it printed none.</summary>
    public static (long Requests, long Failed)? Count(string output)
    {
        var requests = RequestsPattern().Match(output);
        if (!requests.Success)
        {
            return null;
        }

        long failed = 0;
        var socket = SocketErrorsPattern().Match(output);
        if (socket.Success)
        {
            failed += Enumerable.Range(1, 4).Sum(group => long.Parse(socket.Groups[group].Value, CultureInfo.InvariantCulture));
        }

        var non2xx = Non2xxPattern().Match(output);
        if (non2xx.Success)
        {
            failed += long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return (long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture), failed);
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex PerSecondPattern();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xxPattern();
}

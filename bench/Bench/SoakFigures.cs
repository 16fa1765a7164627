using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Bench;

/// <summary>The soak's figures, once churn and faults have stopped: one line each, PASS/FAIL as bench/run.sh prints them.</summary>
internal sealed partial class SoakFigures(
    SoakSchedule schedule, int seed, long started, ProcessResources first, IReadOnlyList<WrkOutcome> outcomes, SoakWatch watch,
    UpgradedConnection longConnection, SoakWorld world, BenchDaemon daemon, string script)
{
    private readonly Report _report = new();

    public async Task<int> ReportAsync(Action<string> say)
    {
        var (expected, running, disk, waited) = await SettledRoutesAsync();
        var last = await ProcessResources.SettledOfAsync(daemon.Pid);
        var direct = await DirectAsync();
        using var client = new HttpClient();
        var metrics = await client.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{daemon.HealthPort}/metrics"));
        Console.WriteLine($"soak figures (seed {seed}):");

        var failed = outcomes.Sum(outcome => outcome.Failed);
        _report.Figure($"failed requests on the {outcomes.Count} stable stacks (wrk, {outcomes.Count} x 4 keep-alive conns, paced)",
            $"{failed} of {outcomes.Sum(outcome => outcome.Requests)}", "0", outcomes.All(outcome => outcome.Failed == 0 && outcome.Requests > 0),
            string.Join(", ", outcomes.Select(outcome => $"{outcome.Failed}/{outcome.Requests}")));
        LongConnection();
        _report.Info("latency through HAProxy (stable stacks, during the soak) vs direct to a backend (10 s, same pacing)", string.Create(CultureInfo.InvariantCulture,
            $"p50 {outcomes.Max(outcome => outcome.P50Milliseconds):0.00} ms / p99 {outcomes.Max(outcome => outcome.P99Milliseconds):0.00} ms vs direct p50 {direct.P50Milliseconds:0.00} ms / p99 {direct.P99Milliseconds:0.00} ms"));
        var growth = last.RssKilobytes - first.RssKilobytes;
        _report.Figure($"daemon RSS at {schedule.FirstRssAt.TotalSeconds:0} s and at the end", string.Create(CultureInfo.InvariantCulture,
            $"{first.RssKilobytes / 1024.0:0.0} -> {last.RssKilobytes / 1024.0:0.0} MB ({growth:+0;-0} kB)"), "growth <= 2 MB", growth <= 2048);
        _report.Info("daemon peak RSS (VmHWM) over the soak", string.Create(CultureInfo.InvariantCulture, $"{Math.Max(watch.PeakRssKilobytes, last.PeakRssKilobytes) / 1024.0:0.0} MB"));
        _report.Figure($"daemon open descriptors at {schedule.FirstRssAt.TotalSeconds:0} s and at the end", $"{first.Descriptors} -> {last.Descriptors}",
            "flat (within 3)", Math.Abs(last.Descriptors - first.Descriptors) <= 3);
        _report.Figure($"HAProxy workers ({watch.Samples} samples, 1/s)", $"at most {watch.MostWorkers}; {watch.WorkerExcess.Count} samples over the bound",
            $"<= 1 + reloads within HARD_STOP_AFTER ({schedule.HardStopAfter.TotalSeconds:0} s)", watch.WorkerExcess.Count == 0, Shorten(watch.WorkerExcess));
        _report.Figure("zombies under the daemon or HAProxy's master (seen twice in a row)", $"{watch.LastingZombies.Count}", "0", watch.LastingZombies.Count == 0,
            watch.LastingZombies.Count == 0 ? null : $"pids {string.Join(",", watch.LastingZombies)}");
        Counted(metrics, "rancher_haproxy_reloads_total", "reloads by reason");
        Counted(metrics, "rancher_haproxy_runtime_operations_total", "Runtime API operations by kind");
        _report.Info("metadata errors seen by the daemon", Sum(metrics, "rancher_haproxy_metadata_errors_total"));
        _report.Figure("routes at the end: admin socket (show map + show servers state) = files on disk = last metadata answer",
            $"{expected.Count} hosts expected, {running.Count} served, {disk.Count} on disk, settled after {waited} s",
            "equal", SoakRoutes.Differences(expected, running).Count == 0 && SoakRoutes.Differences(expected, disk).Count == 0,
            Differing(expected, running, disk));
        _report.Info("daemon error and warn lines, by message", Messages());
        say($"{world.ReviewStacksCreated} review stacks, {world.Publishes} publishes");
        return _report.Failures == 0 ? 0 : 1;
    }

    private async Task<(SortedDictionary<string, SortedSet<string>> Expected, SortedDictionary<string, SortedSet<string>> Running, SortedDictionary<string, SortedSet<string>> Disk, int Waited)> SettledRoutesAsync()
    {
        world.Publish();
        var directory = daemon.WorkDirectory;
        var map = Path.Combine(directory, "domain.map");
        for (var waited = 5; ; waited += 5)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var expected = world.ExpectedRoutes();
            var running = await SoakRoutes.RunningAsync(Path.Combine(directory, "run", "admin.sock"), map);
            var disk = SoakRoutes.OnDisk(map, Path.Combine(directory, "backends.cfg"));
            if (waited >= 30 || (SoakRoutes.Differences(expected, running).Count == 0 && SoakRoutes.Differences(expected, disk).Count == 0))
            {
                return (expected, running, disk, waited);
            }
        }
    }

    /// <summary>A reload leaves the connection on the old worker, which HARD_STOP_AFTER ends: the one cut allowed, within 3 s of that bound.</summary>
    private void LongConnection()
    {
        List<(long At, string Why)> cuts;
        lock (longConnection.Cuts)
        {
            cuts = [.. longConnection.Cuts];
        }

        var unexplained = cuts.Where(cut => !watch.Reloads.Any(reload =>
            Math.Abs((Stopwatch.GetElapsedTime(reload, cut.At) - schedule.HardStopAfter).TotalSeconds) <= 3)).ToList();
        _report.Figure("long connection (upgraded, through HAProxy; reopened after a cut)",
            $"{(longConnection.IsOpen ? "open" : "closed")} at the end, {cuts.Count} cuts ({cuts.Count - unexplained.Count} by HARD_STOP_AFTER after a reload), {longConnection.Pongs} echoes",
            "open at the end; cut only by HARD_STOP_AFTER after a reload", longConnection.IsOpen && unexplained.Count == 0 && longConnection.Pongs > 0,
            unexplained.Count == 0 ? null : string.Join("; ", unexplained.Take(5).Select(cut => string.Create(CultureInfo.InvariantCulture,
                $"+{Stopwatch.GetElapsedTime(started, cut.At).TotalSeconds:0}s {cut.Why}"))));
    }

    private async Task<WrkOutcome> DirectAsync()
    {
        var backend = world.FirstOf(SoakWorld.StableStacks[0]);
        var wrk = PacedWrk.Start($"http://{backend.Endpoint}/", Probe.Host(backend.Stack), 4, TimeSpan.FromSeconds(10), script);
        await wrk.WaitForExitAsync();
        return await PacedWrk.StopAsync(wrk);
    }

    private void Counted(string metrics, string family, string figure)
    {
        var samples = SamplePattern().Matches(metrics).Where(match => match.Groups[1].Value == family).ToList();
        var nonZero = samples.Where(match => match.Groups[3].Value != "0").Select(match => $"{match.Groups[2].Value.Replace("\"", string.Empty, StringComparison.Ordinal)} {match.Groups[3].Value}");
        var failures = samples.Where(match => match.Groups[2].Value.Contains("result=\"failed\"", StringComparison.Ordinal) && match.Groups[3].Value != "0").ToList();
        _report.Figure(figure, string.Join("; ", nonZero), "none failed", failures.Count == 0);
    }

    private static string Sum(string metrics, string family) =>
        string.Join("; ", SamplePattern().Matches(metrics).Where(match => match.Groups[1].Value == family)
            .Select(match => $"{match.Groups[2].Value.Replace("\"", string.Empty, StringComparison.Ordinal)} {match.Groups[3].Value}"));

    private string Messages()
    {
        var counts = daemon.Tail(daemon.LineCount)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 3 && fields[1] is "warn" or "error")
            .Select(fields => DigitsPattern().Replace($"{fields[1]} {string.Join(' ', fields.Skip(2).TakeWhile(field => !field.Contains('=', StringComparison.Ordinal)))}", "#"))
            .GroupBy(message => message, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .Select(group => $"{group.Key} x{group.Count()}");
        return string.Join("; ", counts.Take(12));
    }

    private static string? Differing(SortedDictionary<string, SortedSet<string>> expected, SortedDictionary<string, SortedSet<string>> running, SortedDictionary<string, SortedSet<string>> disk)
    {
        var lines = SoakRoutes.Differences(expected, running).Select(line => "metadata vs running " + line)
            .Concat(SoakRoutes.Differences(expected, disk).Select(line => "metadata vs disk " + line)).ToList();
        return lines.Count == 0 ? null : string.Join(" | ", lines);
    }

    private static string? Shorten(List<string> lines) => lines.Count == 0 ? null : string.Join("; ", lines.Take(5)) + (lines.Count > 5 ? " …" : string.Empty);

    /// <summary>Pids and stack numbers vary; the message is what is counted.</summary>
    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsPattern();

    [GeneratedRegex(@"^(rancher_haproxy_[a-z_]+)\{([^}]*)\} (\S+)$", RegexOptions.Multiline)]
    private static partial Regex SamplePattern();
}

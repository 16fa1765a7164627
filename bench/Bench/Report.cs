using System.Globalization;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Bench;

/// <summary>Prints one line per figure: value, target, verdict, and the baseline's value and ratio where there is one.</summary>
internal sealed partial class Report
{
    public int Failures { get; private set; }

    public void Convergence(Figures current, Figures baseline)
    {
        var p50 = Percentile(current.Convergence, 0.5);
        var p90 = Percentile(current.Convergence, 0.9);
        var baseP50 = Percentile(baseline.Convergence, 0.5);
        var baseP90 = Percentile(baseline.Convergence, 0.9);
        Line($"convergence p50 ({current.Convergence.Count} changes)", $"{p50:0.000} s", "<= 0.2 s", p50 <= 0.2,
            $"baseline {baseP50:0.000} s over {baseline.Convergence.Count} changes, {baseP50 / Math.Max(p50, 0.001):0}x faster");
        Line("convergence p90", $"{p90:0.000} s", "(reported)", true, $"baseline {baseP90:0.000} s, {baseP90 / Math.Max(p90, 0.001):0}x faster");
    }

    public void Load(Figures current, Figures baseline)
    {
        Line($"failed requests (wrk 32 keep-alive conns, {current.Changes - current.Convergence.Count} changes under load)",
            $"{current.Failed} of {current.Requests}", "0", current.Failed == 0,
            $"baseline {baseline.Failed} of {baseline.Requests} (wrk over its {baseline.Changes} reloading changes)");
        Line($"reloads during all {current.Changes} changes", $"{current.Reloads} reloads, {current.RuntimeApplies} runtime applies", "(reported)", true,
            $"baseline {baseline.Reloads} reloads, {baseline.RuntimeApplies} runtime applies for {baseline.Changes} changes");
    }

    public void Idle(Figures current, Figures baseline) =>
        Line("idle metadata requests", $"{current.IdlePerMinute:0.0} per min", "<= 1 per min", current.IdlePerMinute <= 1,
            $"baseline {baseline.IdlePerMinute:0.0} per min, {baseline.IdlePerMinute / Math.Max(current.IdlePerMinute, 0.1):0.#}x fewer");

    public void Large(int bytesPerContainer, long rssStart, long rssEnd, IReadOnlyList<TimeSpan> applies, IReadOnlyList<string> fetchMilliseconds, IReadOnlyList<string> daemonMilliseconds)
    {
        var rss = Math.Max(rssStart, rssEnd) / 1024.0;
        Line($"daemon RSS, 5000 containers / 1000 stacks (~{bytesPerContainer} B JSON each)", $"{rss:0.0} MB (steady {rssStart / 1024.0:0.0}, after changes {rssEnd / 1024.0:0.0})",
            "<= 20 MB", rss <= 20, null);
        var median = Percentile(applies, 0.5);
        var worst = applies.Max().TotalSeconds;
        Line($"apply time at 5000 containers ({applies.Count} changes)", $"median {median:0.000} s, max {worst:0.000} s", "<= 0.3 s", worst <= 0.3,
            $"per apply, the daemon's fetch_ms= (GET and parse of the whole ~7.6 MB /containers) {string.Join(", ", fetchMilliseconds)} and ms= (parsed list to routes applied) {string.Join(", ", daemonMilliseconds)}; the rest is the long-poll wake-up and the probe");
    }

    /// <summary>Answers with nothing new for routing: what the daemon allocated beyond reading and parsing them.</summary>
    public void Unchanged(IReadOnlyList<string> built, IReadOnlyList<string> fetchKilobytes, IReadOnlyList<string> afterKilobytes)
    {
        var after = afterKilobytes.Select(value => long.TryParse(value, CultureInfo.InvariantCulture, out var kilobytes) ? kilobytes : long.MaxValue).ToList();
        var met = after.Count > 0 && after.All(kilobytes => kilobytes <= 64) && built.All(value => value == "false");
        Line($"unchanged answers at 5000 containers ({after.Count} republished)", $"allocated after the fetch {string.Join(", ", afterKilobytes)} KB, built={string.Join(",", built)}",
            "<= 64 KB, nothing built (not proportional to the environment)", met, $"the fetch itself (GET + parse) {string.Join(", ", fetchKilobytes)} KB");
    }

    /// <summary>Descriptors and resident size across many small changes: flat means within 3 descriptors and 2 MB.</summary>
    public void Churn(int changes, ProcessResources before, ProcessResources after)
    {
        var flat = Math.Abs(after.Descriptors - before.Descriptors) <= 3 && after.RssKilobytes - before.RssKilobytes <= 2048;
        Line($"descriptors and RSS before and after {changes} small changes", string.Create(CultureInfo.InvariantCulture,
            $"{before.Descriptors} -> {after.Descriptors} fds, VmRSS {before.RssKilobytes / 1024.0:0.0} -> {after.RssKilobytes / 1024.0:0.0} MB"),
            "flat (within 3 fds, +2 MB)", flat, string.Create(CultureInfo.InvariantCulture, $"peak VmHWM {after.PeakRssKilobytes / 1024.0:0.0} MB"));
    }

    public void Info(string figure, string value) => Line(figure, value, "(reported)", true, null);

    public void Binary(long bytes) =>
        Line("binary size out/rancher-haproxy", $"{bytes / 1048576.0:0.00} MB ({bytes} bytes)", "<= 6 MB", bytes <= 6 * 1048576L, null);

    private static double Percentile(IReadOnlyList<TimeSpan> values, double rank)
    {
        var sorted = values.Select(value => value.TotalSeconds).Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(rank * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private void Line(string figure, string value, string target, bool met, string? baseline)
    {
        if (!met)
        {
            Failures++;
        }

        var verdict = target == "(reported)" ? "info" : met ? "PASS" : "FAIL";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verdict,-4}  {figure}: {value}; target {target}{(baseline is null ? string.Empty : "; " + baseline)}"));
    }
}

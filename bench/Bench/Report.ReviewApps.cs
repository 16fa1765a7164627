using System.Globalization;

namespace RancherHaproxy.Bench;

/// <summary>The review-app figures (issue 12): the index pages and the consolidation reload.</summary>
internal sealed partial class Report
{
    private const double IndexP99Milliseconds = 50;

    public void IndexLatency(PageLatency latency)
    {
        var p99 = Percentile(latency.Times, 0.99) * 1000;
        Line($"index {latency.Path} latency, {latency.Times.Count} sequential GETs on one keep-alive connection via HAProxy, {latency.Stacks} stacks",
            string.Create(CultureInfo.InvariantCulture,
                $"p50 {Percentile(latency.Times, 0.5) * 1000:0.0} ms, p99 {p99:0.0} ms, max {latency.Times.Max().TotalMilliseconds:0.0} ms, {latency.Bytes / 1024.0:0.0} KB, {latency.Failed} not 200"),
            $"p99 <= {IndexP99Milliseconds:0} ms at 1000 stacks, all 200", p99 <= IndexP99Milliseconds && latency.Failed == 0, null);
    }

    public void IndexUnderLoad(IndexLoad load)
    {
        Line($"index /stacks.json under wrk ({load.Connections} keep-alive conns, {load.Duration.TotalSeconds:0} s), {load.Stacks} stacks",
            $"{load.PerSecond:0} requests/s, {load.Failed} of {load.Requests} failed", "0 failed (rate reported)", load.Failed == 0, null);
        var worst = load.Applies.Max().TotalSeconds;
        Line($"apply time at 5000 containers while wrk hammers /stacks.json ({load.Applies.Count} changes)",
            $"max {worst:0.000} s ({string.Join(", ", load.Applies.Select(apply => apply.TotalSeconds.ToString("0.000 s", CultureInfo.InvariantCulture)))})",
            "<= 0.3 s (the apply target, not slowed by the index)", worst <= 0.3,
            string.Create(CultureInfo.InvariantCulture, $"the same change right after wrk: {load.QuietApply.TotalSeconds:0.000} s"));
    }

    public void Consolidation(ConsolidationRun run)
    {
        var after = $"CONSOLIDATE_AFTER={run.After.TotalSeconds:0}s";
        Line($"failed requests across a consolidation reload (wrk 32 keep-alive conns on \"load\", {after})",
            $"{run.Failed} of {run.Requests}", "0", run.Failed == 0, null);
        Line($"reloads from start through the consolidation ({after}, one stack added at run time)",
            $"{run.Reloads} (spares={run.Spares}; consolidated {run.FromStart.TotalSeconds:0.0} s after start, {run.FromLastChange.TotalSeconds:0.0} s after the last change)",
            "exactly 1, stacks still answer", run.Reloads == 1 && run.StillAnswering, run.StillAnswering ? null : "a stack did not answer after the reload");
    }
}

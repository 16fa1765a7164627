using System.Diagnostics;

namespace RancherHaproxy.Bench;

/// <summary>
/// The small scenario with the review-app settings: CONSOLIDATE_AFTER and INDEX_HOST. HAProxy starts
/// before the first apply, so every stack begins on a spare backend; after the quiet time one
/// reload gives each its own, under wrk on the "load" stack.
/// </summary>
internal static class ReviewAppFigures
{
    private static readonly TimeSpan ConsolidateAfter = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string root, Report report)
    {
        var settings = new Dictionary<string, string>
        {
            ["CONSOLIDATE_AFTER"] = $"{(int)ConsolidateAfter.TotalSeconds}s",
            ["INDEX_HOST"] = IndexFigures.Name,
        };
        await using var scenario = await Scenario.StartAsync(root, settings);
        report.Consolidation(await ConsolidationAsync(scenario));

        // After the consolidation: nothing else is going on.
        var stacks = await IndexFigures.StackCountAsync(scenario.Daemon.HttpPort);
        report.IndexLatency(await IndexFigures.SequentialAsync(scenario.Daemon.HttpPort, "/", 200, stacks));
    }

    private static async Task<ConsolidationRun> ConsolidationAsync(Scenario scenario)
    {
        // Long enough for the quiet time and the reload; wrk is stopped once the reload is done.
        var wrk = Wrk.Start(scenario.Daemon.HttpPort, Probe.Host("load"), connections: 32, ConsolidateAfter * 4);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        // A stack added at run time goes to a spare through the Runtime API: a spare is certainly in
        // use, and the quiet time starts from here.
        var from = scenario.Daemon.LineCount;
        await scenario.AddStackAsync();
        var changed = Stopwatch.GetTimestamp();
        await scenario.Daemon.WaitForAsync(ConsolidateAfter * 3, from, "consolidated");
        var consolidated = Stopwatch.GetTimestamp();

        // Some load after the reload too: the old worker's keep-alive connections move to the new one.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var (requests, failed) = await Wrk.StopAsync(wrk);
        // "new1": the scenario's first added stack, the one on a spare until the reload.
        var stillAnswering = await scenario.Probe.BackendAsync(Probe.Host("new1")) == "new1"
            && (await scenario.Probe.BackendAsync(Probe.Host("load")))?.StartsWith("load-", StringComparison.Ordinal) == true;
        return new ConsolidationRun(
            ConsolidateAfter, requests, failed,
            scenario.Daemon.Count(0, "reload succeeded"),
            string.Join(",", scenario.Daemon.Field(0, "consolidating:", "spares")),
            Stopwatch.GetElapsedTime(scenario.Daemon.StartedAt, consolidated),
            Stopwatch.GetElapsedTime(changed, consolidated),
            stillAnswering);
    }
}

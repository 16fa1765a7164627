using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Bench;

/// <summary>
/// Issue 15's memory figure: the daemon at rest with 10 containers, then one answer with 5,000
/// (1,000 new stacks): its resident size's high-water mark (VmHWM) across that apply, which is what
/// a container's memory limit has to hold, and what it rests at afterwards.
/// </summary>
internal static class MemoryJump
{
    /// <summary>What the daemon waits after a big burst before it gives memory back (MemoryTrim.IdleDelay), plus margin.</summary>
    private static readonly TimeSpan SettleAfter = TimeSpan.FromSeconds(5);

    public static async Task<MemoryJumpFigures> MeasureAsync(string root, IReadOnlyList<JsonObject> large, int startWith)
    {
        // BENCH_DAEMON_ENV=NAME=value,...: settings for this daemon, e.g. DOTNET_GCGen0MaxBudget=200000 to try a GC setting.
        var settings = new Dictionary<string, string>();
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_DAEMON_ENV") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            settings[pair.Split('=')[0]] = pair.Split('=', 2)[1];
        }

        await using var scenario = await Scenario.StartAsync(root, settings, large.Take(startWith - 2));
        await Task.Delay(SettleAfter);
        var before = scenario.Daemon.Resources();
        var from = scenario.Daemon.LineCount;
        scenario.AddAndPublish(large.Skip(startWith - 2));
        await scenario.Daemon.WaitForAsync(TimeSpan.FromSeconds(60), from, "routes applied");
        var applied = scenario.Daemon.Resources();
        await Task.Delay(SettleAfter);
        var rested = scenario.Daemon.Resources();

        // Then changes among the 5,000: each reads and builds the whole answer while the routes
        // that run stay held, so these peaks count too.
        var applies = new List<TimeSpan>();
        for (var change = 0; change < 5; change++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            applies.Add(await scenario.AddStackAsync());
        }

        var changed = scenario.Daemon.Resources();
        return new MemoryJumpFigures(startWith, large.Count, before, applied, rested, changed, applies,
            FirstOf(scenario.Daemon.Field(from, "routes applied", "fetch_ms")),
            FirstOf(scenario.Daemon.Field(from, "routes applied", "ms")));
    }

    private static string FirstOf(IReadOnlyList<string> values) => values.Count > 0 ? values[0] : "?";
}

/// <summary>Before the jump, right after its apply, and once the daemon rested.</summary>
internal sealed record MemoryJumpFigures(
    int From, int To, ProcessResources Before, ProcessResources Applied, ProcessResources Rested, ProcessResources Changed,
    IReadOnlyList<TimeSpan> Applies, string FetchMilliseconds, string ApplyMilliseconds);

using System.Globalization;
using System.Text.Json.Nodes;

namespace RancherHaproxy.Bench;

/// <summary>
/// Issue 16's figures at a size: one new stack among <c>n</c> containers until its route answers
/// (median of 5), and where each apply's time went, from the daemon's own debug line
/// <c>apply breakdown</c> (wake, head, body, parse, service, inputs, build, queued, render, plan,
/// install, runtime_api). The parse throughput is the answer's bytes over the time the daemon spent reading
/// JSON between waits for those bytes: the AOT daemon's parser on the path it runs in production.
/// </summary>
internal static class ScaleFigures
{
    public static readonly string[] Phases = ["wake", "head", "body", "parse", "service", "inputs", "build", "queued", "render", "plan", "install", "runtime_api"];

    /// <summary>New stacks in one answer: more than the spare backends, so a reload.</summary>
    public const int BurstStacks = 1000;

    public static async Task<ScaleResult> MeasureAsync(string root, List<JsonObject> containers)
    {
        var settings = new Dictionary<string, string> { ["LOG_LEVEL"] = "debug" };
        await using var scenario = await Scenario.StartAsync(root, settings, containers);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var linesBefore = scenario.Daemon.LineCount;
        var applies = new List<TimeSpan>();
        for (var change = 0; change < 5; change++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            applies.Add(await scenario.AddStackAsync());
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var phases = Phases.ToDictionary(
            phase => phase,
            phase => (IReadOnlyList<double>)[.. scenario.Daemon.Field(linesBefore, "apply breakdown", phase + "_ms").Select(Number).Where(double.IsFinite)]);
        var bytes = scenario.Daemon.Field(linesBefore, "apply breakdown", "bytes").Select(Number).Where(double.IsFinite).ToList();

        // 1,000 new stacks at once, three times: each reloads; HAProxy's own share is its check
        // of the candidate and its reload (the breakdown's install and reload phases).
        var bursts = new List<(TimeSpan Total, double HaproxyMilliseconds)>();
        for (var burst = 0; burst < 3; burst++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1000));
            var before = scenario.Daemon.LineCount;
            var total = await scenario.AddStacksAsync(BurstStacks);
            await scenario.Daemon.WaitForAsync(TimeSpan.FromSeconds(30), before, "apply breakdown", "reload_ms");
            var own = Last(scenario.Daemon.Field(before, "apply breakdown", "install_ms")) + Last(scenario.Daemon.Field(before, "apply breakdown", "reload_ms"));
            bursts.Add((total, own));
        }

        return new ScaleResult(containers.Count, applies, phases, bytes) { Bursts = bursts };
    }

    private static double Last(IReadOnlyList<string> values) => values.Count == 0 ? double.NaN : Number(values[^1]);

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}

/// <summary>What <see cref="ScaleFigures"/> measured at one size.</summary>
internal sealed record ScaleResult(int Containers, IReadOnlyList<TimeSpan> Applies, IReadOnlyDictionary<string, IReadOnlyList<double>> Phases, IReadOnlyList<double> Bytes)
{
    /// <summary>Each burst of new stacks: until the last one's route answers, and HAProxy's own part of it (check + reload, ms).</summary>
    public IReadOnlyList<(TimeSpan Total, double HaproxyMilliseconds)> Bursts { get; init; } = [];

    /// <summary>MB/s for each apply: body bytes over parse time.</summary>
    public IReadOnlyList<double> ParseThroughput =>
        [.. Bytes.Zip(Phases["parse"], (bytes, milliseconds) => milliseconds > 0 ? bytes / 1e6 / (milliseconds / 1000) : double.NaN)];
}

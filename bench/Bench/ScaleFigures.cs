using System.Globalization;
using System.Text.Json.Nodes;

namespace RancherHaproxy.Bench;

/// <summary>
/// Issue 16's figures at a size: one new stack among <c>n</c> containers until its route answers
/// (median of 5), and where each apply's time went, from the daemon's own debug line
/// <c>apply breakdown</c> (head, body, parse, service, inputs, build, render, plan, install,
/// runtime_api). The parse throughput is the answer's bytes over the time the daemon spent reading
/// JSON between waits for those bytes: the AOT daemon's parser on the path it runs in production.
/// </summary>
internal static class ScaleFigures
{
    public static readonly string[] Phases = ["head", "body", "parse", "service", "inputs", "build", "render", "plan", "install", "runtime_api"];

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
        return new ScaleResult(containers.Count, applies, phases, bytes);
    }

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}

/// <summary>What <see cref="ScaleFigures"/> measured at one size.</summary>
internal sealed record ScaleResult(int Containers, IReadOnlyList<TimeSpan> Applies, IReadOnlyDictionary<string, IReadOnlyList<double>> Phases, IReadOnlyList<double> Bytes)
{
    /// <summary>MB/s for each apply: body bytes over parse time.</summary>
    public IReadOnlyList<double> ParseThroughput =>
        [.. Bytes.Zip(Phases["parse"], (bytes, milliseconds) => milliseconds > 0 ? bytes / 1e6 / (milliseconds / 1000) : double.NaN)];
}

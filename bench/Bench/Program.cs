using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using RancherHaproxy.Bench;
using RancherHaproxy.Tests.EndToEnd;
using RancherHaproxy.Tests.TestSupport;

// bench/run.sh passes the repository root. Every figure is one printed line with its target.
var root = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();

// bench/soak.sh: <root> soak <minutes> <haproxy-binary>.
if (args.Length > 1 && args[1] == "soak")
{
    return await SoakRun.RunAsync(root, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10, args.Length > 3 ? args[3] : "haproxy");
}
var idleWindow = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60);

// all: every figure. large: only the 5,000-container ones. index / consolidation: only issue 12's
// figures at 5,000 containers / in the small scenario, for working on them.
var mode = args.Length > 2 ? args[2] : "all";
if (mode is not ("all" or "large" or "index" or "consolidation" or "memory" or "scale"))
{
    Console.Error.WriteLine($"bench: unknown mode {mode}; expected all, large, index, consolidation, memory or scale");
    return 2;
}

var report = new Report();
if (mode == "all")
{
    await ChangesAndIdleAsync(root, idleWindow, report);
}

// 3. The review-app settings in the small scenario: a consolidation reload under load, the index.
if (mode is "all" or "consolidation")
{
    await ReviewAppFigures.RunAsync(root, report);
}

// 4. Memory: the peak resident size across one answer that jumps from 10 to 5,000 containers.
if (mode is "all" or "large" or "memory")
{
    // memory mode takes the environment's size as a fourth argument (default 5,000) to measure others.
    var size = mode == "memory" && args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5000;
    report.MemoryJump(await MemoryJump.MeasureAsync(root, LargeContainers(size), startWith: 10), target: size == 5000);
}

// 5. 5,000 containers in 1,000 stacks (~1.5 KB of JSON each): RSS at steady state and apply time;
// then the index of those stacks.
if (mode is "all" or "large" or "index")
{
    await LargeAsync(root, report, indexOnly: mode == "index");
}

// 6. Issue 16: one new stack among 5,000 and 20,000 containers, with the daemon's breakdown of each
// apply and its parse throughput (scale mode takes one size as a fourth argument).
if (mode is "all" or "scale")
{
    int[] sizes = mode == "scale" && args.Length > 3 ? [int.Parse(args[3], CultureInfo.InvariantCulture)] : [5000, 20000];
    foreach (var size in sizes)
    {
        report.Scale(await ScaleFigures.MeasureAsync(root, LargeContainers(size)));
    }
}

report.Binary(new FileInfo(Path.Combine(root, "out", "rancher-haproxy")).Length);
return report.Failures == 0 ? 0 : 1;

static async Task ChangesAndIdleAsync(string root, TimeSpan idleWindow, Report report)
{
    // 1. Default settings: convergence, failed requests and reloads under load, idle cost.
    Figures current;
    await using (var scenario = await Scenario.StartAsync(root, new Dictionary<string, string>()))
    {
        current = await Measure.ChangesAsync(scenario, changes: 12, loadedChanges: 24, baseline: false);
        current = current with { IdlePerMinute = await Measure.IdleAsync(scenario, idleWindow) };
        var (before, after) = await Measure.ChurnAsync(scenario, warmUp: 10, changes: 500);
        report.Churn(500, before, after);
    }

    // 2. The original's behaviour: poll every 10 s, no long-poll, no spare backend, so every new stack reloads.
    Figures baseline;
    var baselineSettings = new Dictionary<string, string> { ["POLL_INTERVAL"] = "10", ["SPARE_BACKENDS"] = "0" };
    await using (var scenario = await Scenario.StartAsync(root, baselineSettings, longPoll: false))
    {
        baseline = await Measure.ChangesAsync(scenario, changes: 10, loadedChanges: 0, baseline: true);
        baseline = baseline with { IdlePerMinute = await Measure.IdleAsync(scenario, idleWindow / 3) };
    }

    report.Convergence(current, baseline);
    report.Load(current, baseline);
    report.Idle(current, baseline);
}

// The server's share of the fetch: the same GET the daemon makes, read to the end by the bench.
static async Task<string> TimeFakeGetAsync(Scenario scenario)
{
    using var client = new HttpClient();
    client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    var times = new List<double>();
    for (var attempt = 0; attempt < 3; attempt++)
    {
        var stopwatch = Stopwatch.StartNew();
        var body = await client.GetByteArrayAsync($"http://{scenario.Metadata.BaseHost}/{MetadataVersions.V2}/containers");
        times.Add(stopwatch.Elapsed.TotalMilliseconds);
        _ = body.Length;
    }

    return string.Join(", ", times.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture))) + " ms";
}

static async Task LargeAsync(string root, Report report, bool indexOnly)
{
    var large = LargeContainers();
    // Debug level: the "routes did not" lines carry what an unchanged answer allocated.
    var settings = new Dictionary<string, string> { ["LOG_LEVEL"] = "debug", ["INDEX_HOST"] = IndexFigures.Name };
    await using var scenario = await Scenario.StartAsync(root, settings, large);
    if (!indexOnly)
    {
        await LargeFiguresAsync(scenario, large.Sum(container => container.ToJsonString().Length) / large.Count, report);
    }

    // The index last, so that it does not weigh on the figures above (RSS among them).
    var stacks = await IndexFigures.StackCountAsync(scenario.Daemon.HttpPort);
    report.IndexLatency(await IndexFigures.SequentialAsync(scenario.Daemon.HttpPort, "/", 200, stacks));
    report.IndexLatency(await IndexFigures.SequentialAsync(scenario.Daemon.HttpPort, "/stacks.json", 200, stacks));
    report.IndexUnderLoad(await IndexFigures.UnderLoadAsync(scenario, stacks));
}

static List<JsonObject> LargeContainers(int count = 5000) =>
    [.. Enumerable.Range(0, count).Select(index => new ContainerBuilder()
        .InStack($"big{index / 5:D4}")
        .WithIp(string.Create(CultureInfo.InvariantCulture, $"127.1.{index / 250}.{2 + (index % 250)}"))
        .WithLabel(ContainerBuilder.DefaultLabel, "8080")
        .WithLabel("io.rancher.scheduler.affinity:host_label", "role=worker,zone=eu-west-1a")
        .WithLabel("io.rancher.service.hash", "5f1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5")
        .WithLabel("io.rancher.service.deployment.unit", Guid.NewGuid().ToString())
        .WithLabel("io.rancher.service.launch.config", "io.rancher.service.primary.launch.config")
        .WithLabel("io.rancher.project.name", $"big{index / 5:D4}")
        .WithLabel("io.rancher.project_service.name", $"big{index / 5:D4}/web")
        .WithLabel("io.rancher.container.pull_image", "always")
        .WithLabel("traefik.frontend.rule", $"Host:big{index / 5:D4}.example.com,www.big{index / 5:D4}.example.com")
        .Build())];

static async Task LargeFiguresAsync(Scenario scenario, int bytesPerContainer, Report report)
{
    await Task.Delay(TimeSpan.FromSeconds(5));
    var rssAtStart = scenario.Daemon.RssKilobytes();
    var applies = new List<TimeSpan>();
    var linesBefore = scenario.Daemon.LineCount;
    for (var change = 0; change < 5; change++)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        applies.Add(change % 2 == 0 ? await scenario.AddStackAsync() : await scenario.MoveContainerAsync());
    }

    // The same containers again under a new version, as most of Rancher's version changes are
    // for routing: the answer is read and parsed, then nothing is built.
    var unchangedFrom = scenario.Daemon.LineCount;
    for (var republish = 0; republish < 3; republish++)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await scenario.RepublishAsync();
    }

    await Task.Delay(TimeSpan.FromSeconds(5));
    report.Info("the fake's own /containers GET at 5000 containers (for reference)", await TimeFakeGetAsync(scenario));
    report.Unchanged(
        scenario.Daemon.Field(unchangedFrom, "routes did not", "built"),
        scenario.Daemon.Field(unchangedFrom, "routes did not", "fetch_kb"),
        scenario.Daemon.Field(unchangedFrom, "routes did not", "after_fetch_kb"));
    report.Large(bytesPerContainer, rssAtStart, scenario.Daemon.RssKilobytes(), applies,
        scenario.Daemon.Field(linesBefore, "routes applied", "fetch_ms"), scenario.Daemon.Field(linesBefore, "routes applied", "ms"));

    // After the RSS figure: what a Prometheus scrape of the daemon (and of HAProxy through it) costs.
    var rssBeforeScrapes = scenario.Daemon.RssKilobytes();
    var metrics = await MetricsScrape.MeasureAsync(scenario.Daemon.HealthPort, "/metrics", 50);
    report.Scrape(metrics, rssBeforeScrapes, scenario.Daemon.RssKilobytes(), target: true);
    var exporter = await MetricsScrape.MeasureAsync(scenario.Daemon.HealthPort, "/metrics/haproxy", 10);
    report.Scrape(exporter, rssBeforeScrapes, scenario.Daemon.RssKilobytes(), target: false);
}

/// <summary>What one run measured.</summary>
internal sealed record Figures(
    IReadOnlyList<TimeSpan> Convergence, long Requests, long Failed, int Changes, int Reloads, int RuntimeApplies, double IdlePerMinute);

/// <summary>The measuring steps shared by the default and baseline runs.</summary>
internal static class Measure
{
    public static async Task<Figures> ChangesAsync(Scenario scenario, int changes, int loadedChanges, bool baseline)
    {
        var linesBefore = scenario.Daemon.LineCount;
        var convergence = new List<TimeSpan>();
        var random = new Random(5);

        // The baseline's changes all reload: wrk runs over them, so its failed requests are comparable.
        var baselineWrk = baseline ? Wrk.Start(scenario.Daemon.HttpPort, Probe.Host("load"), connections: 32, TimeSpan.FromSeconds(60)) : null;
        for (var change = 0; change < changes; change++)
        {
            // Start each measured change from an idle daemon: right after an apply the daemon reads
            // the version once more at once, which would catch a change published back to back. The
            // baseline gets a random phase within its 10 s poll period, as real changes do.
            await Task.Delay(baseline ? TimeSpan.FromSeconds(1 + (random.NextDouble() * 9)) : TimeSpan.FromMilliseconds(300));
            convergence.Add(await NextAsync(scenario, change, baseline));
        }

        // Under load: wrk on the "load" stack while further changes are applied.
        var duration = TimeSpan.FromSeconds(Math.Max(10, loadedChanges));
        var wrk = baselineWrk ?? Wrk.Start(scenario.Daemon.HttpPort, Probe.Host("load"), connections: 32, duration);
        var applied = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var change = 0; change < loadedChanges; change++)
        {
            await NextAsync(scenario, changes + change, baseline);
            applied++;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var (requests, failed) = await Wrk.ResultAsync(wrk);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return new Figures(
            convergence, requests, failed, changes + applied,
            scenario.Daemon.Count(linesBefore, "reload succeeded"),
            scenario.Daemon.Count(linesBefore, "routes applied", "reload=false"),
            0);
    }

    /// <summary>Small changes back to back: what the daemon holds after the warm-up and after all of them.</summary>
    public static async Task<(ProcessResources Before, ProcessResources After)> ChurnAsync(Scenario scenario, int warmUp, int changes)
    {
        for (var change = 0; change < warmUp; change++)
        {
            await scenario.ToggleContainerAsync();
        }

        var before = scenario.Daemon.Resources();
        for (var change = 0; change < changes; change++)
        {
            await scenario.ToggleContainerAsync();
        }

        return (before, scenario.Daemon.Resources());
    }

    public static async Task<double> IdleAsync(Scenario scenario, TimeSpan window)
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = scenario.Metadata.Requests.Count;
        await Task.Delay(window);
        return (scenario.Metadata.Requests.Count - before) * 60 / window.TotalSeconds;
    }

    /// <summary>Default run: new stack, moved container, added-then-removed container in turn. Baseline: new stacks (each a reload).</summary>
    private static Task<TimeSpan> NextAsync(Scenario scenario, int change, bool baseline) =>
        baseline ? scenario.AddStackAsync() : (change % 3) switch
        {
            0 => scenario.AddStackAsync(),
            1 => scenario.MoveContainerAsync(),
            _ => scenario.AddAndRemoveContainerAsync(),
        };
}

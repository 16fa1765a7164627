using System.Diagnostics;
using System.Globalization;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Bench;

/// <summary>
/// bench/soak.sh: the published daemon on the fake metadata for minutes, under steady wrk traffic on
/// three stable stacks and one upgraded long connection, with churn and faults from a printed seed;
/// then the figures of issue 15 (<see cref="SoakFigures"/>).
/// </summary>
internal static class SoakRun
{
    private const int WrkConnections = 4;
    private const int WrkDelayMilliseconds = 5;

    public static async Task<int> RunAsync(string root, int minutes, string haproxy)
    {
        var schedule = SoakSchedule.For(minutes);
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SOAK_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next(1, 1_000_000);
        Console.WriteLine($"soak: {minutes} min, seed {seed} (SOAK_SEED={seed} repeats the order), HAProxy {haproxy}");
        var work = Directory.CreateTempSubdirectory("rancher-haproxy-soak-").FullName;
        var mainConfig = Path.Combine(work, "haproxy.cfg");
        File.Copy(Path.Combine(root, "haproxy", "haproxy.cfg"), mainConfig);
        var script = PacedWrk.WriteScript(work, WrkDelayMilliseconds);

        await using var longConnection = UpgradedConnection.Listen("127.0.200.1");
        await using var world = await SoakWorld.StartAsync(new Random(seed), longConnection);
        var settings = new Dictionary<string, string>
        {
            ["HAPROXY_BIN"] = haproxy,
            ["HAPROXY_CONFIG"] = mainConfig,
            ["HARD_STOP_AFTER"] = $"{(int)schedule.HardStopAfter.TotalSeconds}s",
            ["ENABLE_SSL"] = "true",
            ["AUTH_USERS"] = $"soak:{TestHashes.Sha512}",
        };
        await using var daemon = BenchDaemon.Start(root, world.Metadata, settings);
        var started = Stopwatch.GetTimestamp();
        string Clock() => string.Create(CultureInfo.InvariantCulture, $"+{Stopwatch.GetElapsedTime(started).TotalSeconds:0}s");
        void Say(string what) => Console.WriteLine($"      {Clock(),6} {what}");
        try
        {
            await ReadyAsync(daemon, longConnection);
            Say("long connection upgraded through HAProxy");
            var wrks = SoakWorld.StableStacks.Select(stack => PacedWrk.Start(
                string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{daemon.HttpPort}/"), Probe.Host(stack), WrkConnections, schedule.Duration + TimeSpan.FromMinutes(5), script)).ToList();

            started = Stopwatch.GetTimestamp();
            using var watching = new CancellationTokenSource();
            var watch = new SoakWatch(daemon, schedule.HardStopAfter);
            var watchTask = watch.RunAsync(Clock, watching.Token);
            var faults = new SoakFaults(world, mainConfig);
            bool Running() => Stopwatch.GetElapsedTime(started) < schedule.Duration;

            var firstTask = FirstResourcesAsync(daemon, schedule.FirstRssAt);
            await ChurnAndFaultsAsync(schedule, seed, world, daemon, faults, Running, Say);
            Say($"churn and faults stopped: {world.ReviewStacksCreated} review stacks created, {world.Publishes} publishes");

            var first = await firstTask;
            var outcomes = new List<WrkOutcome>();
            foreach (var wrk in wrks)
            {
                outcomes.Add(await PacedWrk.StopAsync(wrk));
            }

            await watching.CancelAsync();
            await watchTask;
            var figures = new SoakFigures(schedule, seed, started, first, outcomes, watch, longConnection, world, daemon, script);
            return await figures.ReportAsync(Say);
        }
        finally
        {
            var log = Path.Combine(Path.GetTempPath(), $"rancher-haproxy-soak-{seed}.log");
            await File.WriteAllLinesAsync(log, daemon.Tail(daemon.LineCount));
            Console.WriteLine($"soak: the daemon's log is in {log}");
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Routes applied, the stable stacks answering, the long connection upgraded.</summary>
    private static async Task ReadyAsync(BenchDaemon daemon, UpgradedConnection longConnection)
    {
        await daemon.WaitForAsync(TimeSpan.FromSeconds(60), 0, "routes applied");
        using var probe = new Probe(daemon.HttpPort);
        foreach (var stack in SoakWorld.StableStacks)
        {
            await Eventually.UntilAsync<string?>(() => probe.BackendAsync(Probe.Host(stack)), backend => backend is not null, TimeSpan.FromSeconds(30), $"{stack} to answer", pollInterval: TimeSpan.FromMilliseconds(50));
        }

        longConnection.Hold(daemon.HttpPort, Probe.Host(SoakWorld.LongConnectionStack));
        await Eventually.UntilAsync(() => longConnection.IsOpen, open => open, TimeSpan.FromSeconds(10), "the long connection to be upgraded through HAProxy",
            _ => string.Join("; ", longConnection.Cuts.TakeLast(3).Select(cut => cut.Why)));
    }

    /// <summary>Review stacks, stable-stack changes, SIGHUPs and faults side by side until the run is over.</summary>
    private static Task ChurnAndFaultsAsync(SoakSchedule schedule, int seed, SoakWorld world, BenchDaemon daemon, SoakFaults faults, Func<bool> running, Action<string> say) =>
        Task.WhenAll(
            EveryAsync(schedule.ReviewEvery, running, async () =>
            {
                world.ReviewTick(schedule, create: true);
                await world.StopRetiredAsync();
            }),
            EveryAsync(schedule.StableChangeEvery, running, async () => say(await world.ChangeStableAsync())),
            EveryAsync(schedule.SighupEvery, running, async () =>
            {
                using var hup = Process.Start("kill", ["-HUP", daemon.Pid.ToString(CultureInfo.InvariantCulture)]);
                await hup!.WaitForExitAsync();
                say("SIGHUP to the daemon");
            }),
            FaultsAsync(schedule, new Random(seed + 1), faults, running, say));

    private static async Task<ProcessResources> FirstResourcesAsync(BenchDaemon daemon, TimeSpan at)
    {
        await Task.Delay(at);
        return await ProcessResources.SettledOfAsync(daemon.Pid);
    }

    /// <summary>Runs <paramref name="action"/> every <paramref name="period"/> (from its start) while <paramref name="running"/>.</summary>
    private static async Task EveryAsync(TimeSpan period, Func<bool> running, Func<Task> action)
    {
        var next = Stopwatch.GetTimestamp();
        while (true)
        {
            next += (long)(period.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            if (!running())
            {
                return;
            }

            await action();
        }
    }

    /// <summary>One fault per period, every fault once per round in an order drawn from the seed; a long fault delays the next.</summary>
    private static async Task FaultsAsync(SoakSchedule schedule, Random random, SoakFaults faults, Func<bool> running, Action<string> say)
    {
        var round = new Queue<SoakFault>();
        await EveryAsync(schedule.FaultEvery, running, async () =>
        {
            if (round.Count == 0)
            {
                foreach (var fault in SoakFaults.Round(random))
                {
                    round.Enqueue(fault);
                }
            }

            var next = round.Dequeue();
            say($"fault {next}: start");
            say($"fault {next}: {await faults.InjectAsync(next)}, over");
        });
    }
}

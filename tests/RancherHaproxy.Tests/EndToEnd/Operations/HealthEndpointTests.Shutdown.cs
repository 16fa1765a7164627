using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>/readyz and /healthz at the end of a daemon's life: SIGTERM with SHUTDOWN_DELAY, a second signal, a dead HAProxy master.</summary>
public sealed partial class HealthEndpointTests
{
    private const string ShuttingDown = "not ready: shutting down\n";

    /// <summary>
    /// Catches a shutdown that stops HAProxy before upstreams have seen /readyz fail (requests cut),
    /// or one that never turns readiness off.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Readyz_SigtermWithShutdownDelay_NotReadyAtOnceWhileRoutesStillServe()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SHUTDOWN_DELAY"] = "5s" });
        await Health.EventuallyAsync("/readyz", answer => answer.Status == 200, EndToEndHarness.ChangeTimeout, "ready");

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        daemon.Signal(UnixSignal.Terminate);
        var notReady = await Health.EventuallyAsync("/readyz", answer => answer.Status == 503, TimeSpan.FromSeconds(2), "not ready once SIGTERM arrived");
        var routed = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));
        var servedAfter = stopwatch.Elapsed;
        var stillRunning = !daemon.HasExited;
        var waiting = await daemon.WaitForLineAsync(IsShutdownWait, EndToEndHarness.ChangeTimeout, "the shutdown wait");
        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20));
        var stoppedAfter = stopwatch.Elapsed;

        notReady.Body.Should().Be(ShuttingDown);
        routed.Status.Should().Be(200, "HAProxy keeps serving during SHUTDOWN_DELAY ({0})", routed);
        routed.Backend.Should().Be("alpha-1");
        servedAfter.Should().BeLessThan(TimeSpan.FromSeconds(4), "the routed request was made inside the delay");
        stillRunning.Should().BeTrue();
        waiting.Field("delay").Should().NotBeNullOrEmpty();
        stoppedAfter.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(4.5), "the daemon waits SHUTDOWN_DELAY before stopping HAProxy");
        exitCode.Should().Be(0);
    }

    /// <summary>Catches a second SIGTERM that is ignored: an operator who means it must not wait out a long delay.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Shutdown_SecondSignalDuringDelay_SkipsTheRestOfTheWait()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SHUTDOWN_DELAY"] = "60s" });

        daemon.Signal(UnixSignal.Terminate);
        await daemon.WaitForLineAsync(IsShutdownWait, EndToEndHarness.ChangeTimeout, "the shutdown wait");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        daemon.Signal(UnixSignal.Terminate);
        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(15));

        exitCode.Should().Be(0);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the second signal ends the 60 s wait");
    }

    /// <summary>
    /// Catches a /healthz that only reflects the sync loop: with HAProxy's master gone nothing routes.
    /// The daemon exits soon after the master dies, so this asserts only the answers it gave once it had
    /// logged the exit (each request is sent after that line was seen); when the daemon is gone before a
    /// request gets through, that part holds vacuously and the exit code is what is left to check.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Healthz_HaproxyMasterKilled_UnhealthyOnceNoticedThenDaemonExits()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();
        var healthyBefore = await Health.GetAsync("/healthz");
        var masterPid = daemon.MasterPid;
        masterPid.Should().NotBeNull();

        NativeMethods.SendSignal(masterPid!.Value, (int)UnixSignal.Kill).Should().Be(0);
        var afterNotice = new List<HttpAnswer>();
        while (!daemon.HasExited && afterNotice.Count < 50)
        {
            var noticed = daemon.Lines.Any(line => line.Message?.Contains("exited unexpectedly", StringComparison.Ordinal) == true);
            var answer = await Health.GetAsync("/healthz");
            if (noticed && answer.Status != 0)
            {
                afterNotice.Add(answer);
            }
        }

        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        healthyBefore.Status.Should().Be(200);
        healthyBefore.Body.Should().Be(Healthy);
        // The daemon may exit before any answer gets through after its log line: then only the exit is checked.
        foreach (var answer in afterNotice)
        {
            answer.Status.Should().Be(503, "the daemon knew the master was gone ({0})", answer);
            answer.Body.Should().Be("unhealthy: haproxy not running\n");
        }

        Output.WriteLine($"answers after the exit was logged: {afterNotice.Count}");
        exitCode.Should().NotBe(0);
    }

    /// <summary>The contract's line, <c>shutdown: readiness off, waiting before stopping delay=…</c>, whatever component prints it.</summary>
    private static bool IsShutdownWait(DaemonLogLine line) =>
        line.Raw.Contains("readiness off, waiting before stopping", StringComparison.Ordinal);
}

using RancherHaproxy.Haproxy;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Stopping: SIGTERM/SIGINT stop HAProxy gracefully and exit 0; a dead master ends the daemon.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class LifecycleTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 60_000)]
    public async Task Sigterm_WhileRequestInFlight_RequestCompletesThenExitsZeroWithNoHaproxyLeft()
    {
        var slow = await Harness.StartBackendAsync("slow", delay: TimeSpan.FromSeconds(2));
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", slow));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();
        var masterPid = daemon.MasterPid;
        var inFlight = Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"), timeout: TimeSpan.FromSeconds(15));
        await slow.WaitForInFlightAsync(TimeSpan.FromSeconds(5));

        daemon.Signal(UnixSignal.Terminate);
        var result = await inFlight;
        var exitCode = await daemon.WaitForExitAsync(ExitTimeout);

        result.Status.Should().Be(200, "HAProxy stops gracefully: the request in flight finishes ({0})", result);
        result.Backend.Should().Be("slow");
        exitCode.Should().Be(0);
        HaproxyProcesses.Find(Harness.Directory.Path).Should().BeEmpty("no HAProxy process is left behind");
        HaproxyProcesses.IsLiveHaproxy(masterPid!.Value, out _).Should().BeFalse();
    }

    [Fact(Timeout = 60_000)]
    public async Task Sigint_Idle_ExitsZeroWithNoHaproxyLeft()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();
        var masterPid = daemon.MasterPid;

        daemon.Signal(UnixSignal.Interrupt);
        var exitCode = await daemon.WaitForExitAsync(ExitTimeout);

        exitCode.Should().Be(0);
        HaproxyProcesses.Find(Harness.Directory.Path).Should().BeEmpty();
        HaproxyProcesses.IsLiveHaproxy(masterPid!.Value, out _).Should().BeFalse();
    }

    [Fact(Timeout = 60_000)]
    public async Task Sigterm_AfterReloads_NoOldWorkerLeft()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var first = ContainerBuilder.RoutedTo("alpha", alpha).Build();
        Harness.Metadata.Publish([first]);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();
        Harness.Metadata.Publish([first, ContainerBuilder.RoutedTo("beta", alpha).Build()]);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "alpha-1", EndToEndHarness.ChangeTimeout, "beta routed");

        daemon.Signal(UnixSignal.Terminate);
        var exitCode = await daemon.WaitForExitAsync(ExitTimeout);

        exitCode.Should().Be(0);
        HaproxyProcesses.Find(Harness.Directory.Path).Should().BeEmpty("old and new workers are gone with the master");
    }

    [Fact(Timeout = 60_000)]
    public async Task Sigkill_Daemon_HaproxyDoesNotOutliveIt()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();

        daemon.Signal(UnixSignal.Kill);
        await daemon.WaitForExitAsync(ExitTimeout);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.UntilAsync(() => HaproxyProcesses.Find(Harness.Directory.Path).Count == 0, TimeSpan.FromSeconds(5), "HAProxy to die with the daemon");

        HaproxyProcesses.Find(Harness.Directory.Path).Should().BeEmpty("HAProxy dies with the daemon even when the daemon cannot clean up");
        Harness.Record("HAProxy gone after SIGKILL of the daemon", stopwatch.Elapsed);
    }

    [Fact(Timeout = 60_000)]
    public async Task HaproxyMasterKilled_DaemonExitsNonZero()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();
        var masterPid = daemon.MasterPid;
        masterPid.Should().NotBeNull();

        NativeMethods.SendSignal(masterPid!.Value, (int)UnixSignal.Kill).Should().Be(0);
        var exitCode = await daemon.WaitForExitAsync(ExitTimeout);

        exitCode.Should().NotBe(0, "the orchestrator must see the failure and restart the container");
    }
}

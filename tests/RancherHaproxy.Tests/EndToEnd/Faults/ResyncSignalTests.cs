using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>SIGHUP is a manual resync: the daemon says so and reads metadata again at once.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ResyncSignalTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string Containers = "/2015-12-19/containers";

    /// <summary>Runs the daemon with SIGHUP ignored, which it inherits across exec (as from some supervisors).</summary>
    private static readonly string[] Nohup = ["/usr/bin/nohup"];

    [Fact(Timeout = 60_000)]
    public async Task Sighup_Idle_LogsResyncAndReadsContainersAgain()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var version = Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();
        // Idle: the start-up reads are done once the daemon waits for the next change.
        await Harness.Metadata.WaitForLongPollAsync(version, EndToEndHarness.ChangeTimeout);
        var readsBefore = Harness.Metadata.RequestCount(Containers);
        var linesBefore = daemon.LineCount;

        daemon.Signal(UnixSignal.Hangup);
        await daemon.WaitForEventAsync("sync", "resync requested (SIGHUP): reading metadata now", EndToEndHarness.ChangeTimeout, linesBefore);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await Harness.Metadata.WaitForRequestsAsync(Containers, readsBefore + 1, EndToEndHarness.ChangeTimeout);

        Harness.Metadata.RequestCount(Containers).Should().BeGreaterThan(readsBefore, "SIGHUP re-reads /containers although /version did not change");
        Harness.Record("containers re-read after SIGHUP", stopwatch.Elapsed);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        daemon.HasExited.Should().BeFalse("SIGHUP does not stop the daemon");
    }

    [Fact(Timeout = 60_000)]
    public async Task Sighup_StartedWithSighupIgnored_LogsResync()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = Harness.StartDaemon(launcher: Nohup);
        await daemon.WaitForEventAsync("sync", "routes applied", EndToEndHarness.StartTimeout);
        var linesBefore = daemon.LineCount;

        daemon.Signal(UnixSignal.Hangup);

        // Without the daemon restoring SIGHUP's default, .NET installs no handler and the signal vanishes.
        await daemon.WaitForEventAsync("sync", "resync requested (SIGHUP): reading metadata now", EndToEndHarness.ChangeTimeout, linesBefore);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        daemon.HasExited.Should().BeFalse();
    }

    [Fact(Timeout = 60_000)]
    public async Task Sighup_ThreeInARow_DaemonKeepsServing()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();
        var readsBefore = Harness.Metadata.RequestCount(Containers);

        for (var index = 0; index < 3; index++)
        {
            var linesBefore = daemon.LineCount;
            daemon.Signal(UnixSignal.Hangup);
            await daemon.WaitForEventAsync("sync", "resync requested (SIGHUP): reading metadata now", EndToEndHarness.ChangeTimeout, linesBefore);
        }

        await Harness.Metadata.WaitForRequestsAsync(Containers, readsBefore + 1, EndToEndHarness.ChangeTimeout);
        Harness.Metadata.RequestCount(Containers).Should().BeGreaterThan(readsBefore);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        daemon.HasExited.Should().BeFalse();
    }
}

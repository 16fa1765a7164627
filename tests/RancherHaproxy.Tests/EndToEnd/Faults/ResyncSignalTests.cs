using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>SIGHUP is a manual resync: the daemon says so and reads metadata again at once.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ResyncSignalTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Containers = "/2015-12-19/containers";

    /// <summary>Runs the daemon with SIGHUP ignored, which it inherits across exec (as from some supervisors).</summary>
    private static readonly string[] Nohup = ["/usr/bin/nohup"];

    private EndToEndHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EndToEndHarness.StartAsync(output);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task Sighup_Idle_LogsResyncAndReadsContainersAgain()
    {
        var alpha = await _harness.StartBackendAsync("alpha-1");
        var version = _harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await _harness.StartDaemonAndWaitForRoutesAsync();
        // Idle: the start-up reads are done once the daemon waits for the next change.
        await _harness.Metadata.WaitForLongPollAsync(version, EndToEndHarness.ChangeTimeout);
        var readsBefore = _harness.Metadata.RequestCount(Containers);
        var linesBefore = daemon.LineCount;

        daemon.Signal(UnixSignal.Hangup);
        await daemon.WaitForEventAsync("sync", "resync requested (SIGHUP): reading metadata now", EndToEndHarness.ChangeTimeout, linesBefore);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await _harness.Metadata.WaitForRequestsAsync(Containers, readsBefore + 1, EndToEndHarness.ChangeTimeout);

        _harness.Metadata.RequestCount(Containers).Should().BeGreaterThan(readsBefore, "SIGHUP re-reads /containers although /version did not change");
        _harness.Record("containers re-read after SIGHUP", stopwatch.Elapsed);
        (await _harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        daemon.HasExited.Should().BeFalse("SIGHUP does not stop the daemon");
    }

    [Fact(Timeout = 60_000)]
    public async Task Sighup_StartedWithSighupIgnored_LogsResync()
    {
        var alpha = await _harness.StartBackendAsync("alpha-1");
        _harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = _harness.StartDaemon(launcher: Nohup);
        await daemon.WaitForEventAsync("sync", "routes applied", EndToEndHarness.StartTimeout);
        var linesBefore = daemon.LineCount;

        daemon.Signal(UnixSignal.Hangup);

        // Without the daemon restoring SIGHUP's default, .NET installs no handler and the signal vanishes.
        await daemon.WaitForEventAsync("sync", "resync requested (SIGHUP): reading metadata now", EndToEndHarness.ChangeTimeout, linesBefore);
        (await _harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        daemon.HasExited.Should().BeFalse();
    }

    [Fact(Timeout = 60_000)]
    public async Task Sighup_ThreeInARow_DaemonKeepsServing()
    {
        var alpha = await _harness.StartBackendAsync("alpha-1");
        _harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await _harness.StartDaemonAndWaitForRoutesAsync();
        var readsBefore = _harness.Metadata.RequestCount(Containers);

        for (var index = 0; index < 3; index++)
        {
            var linesBefore = daemon.LineCount;
            daemon.Signal(UnixSignal.Hangup);
            await daemon.WaitForEventAsync("sync", "resync requested (SIGHUP): reading metadata now", EndToEndHarness.ChangeTimeout, linesBefore);
        }

        await _harness.Metadata.WaitForRequestsAsync(Containers, readsBefore + 1, EndToEndHarness.ChangeTimeout);
        _harness.Metadata.RequestCount(Containers).Should().BeGreaterThan(readsBefore);
        (await _harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        daemon.HasExited.Should().BeFalse();
    }
}

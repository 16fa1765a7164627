using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Metadata changes reach HAProxy within seconds, through reloads of the same master.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ChangeTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Fact(Timeout = 60_000)]
    public async Task Publish_NewStack_RouteAnswersWithinSeconds()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        var alphaContainer = ContainerBuilder.RoutedTo("alpha", alpha).Build();
        Harness.Metadata.Publish([alphaContainer]);
        await Harness.StartDaemonAndWaitForRoutesAsync();
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("beta"))).Status.Should().Be(EndToEndHarness.UnknownHostStatus);

        Harness.Metadata.Publish([alphaContainer, ContainerBuilder.RoutedTo("beta", beta).Build()]);
        var (_, elapsed) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta-1 to answer");

        Harness.Record("new stack answering", elapsed);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_StackRemoved_HostIsUnknownWithinSeconds()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        var alphaContainer = ContainerBuilder.RoutedTo("alpha", alpha).Build();
        Harness.Metadata.Publish([alphaContainer, ContainerBuilder.RoutedTo("beta", beta).Build()]);
        await Harness.StartDaemonAndWaitForRoutesAsync();
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("beta"))).Backend.Should().Be("beta-1");

        Harness.Metadata.Publish([alphaContainer]);
        var (_, elapsed) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("beta"), result => result.Status == EndToEndHarness.UnknownHostStatus, EndToEndHarness.ChangeTimeout, "the unknown-host answer once beta is gone");

        Harness.Record("removed stack answering as unknown", elapsed);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_ContainerAddedToStack_JoinsRoundRobinWithinSeconds()
    {
        var first = await Harness.StartBackendAsync("alpha-1");
        var second = await Harness.StartBackendAsync("alpha-2");
        var firstContainer = ContainerBuilder.RoutedTo("alpha", first).Build();
        Harness.Metadata.Publish([firstContainer]);
        await Harness.StartDaemonAndWaitForRoutesAsync();

        Harness.Metadata.Publish([firstContainer, ContainerBuilder.RoutedTo("alpha", second).Build()]);
        var (_, elapsed) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-2", EndToEndHarness.ChangeTimeout, "alpha-2 to answer");
        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 6);

        Harness.Record("added container answering", elapsed);
        results.Select(result => result.Backend).Distinct().Should().BeEquivalentTo(["alpha-1", "alpha-2"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_ContainerRemovedFromStack_NoLongerReceivesTrafficWithinSeconds()
    {
        var first = await Harness.StartBackendAsync("alpha-1");
        var second = await Harness.StartBackendAsync("alpha-2");
        var firstContainer = ContainerBuilder.RoutedTo("alpha", first).Build();
        Harness.Metadata.Publish([firstContainer, ContainerBuilder.RoutedTo("alpha", second).Build()]);
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var linesBefore = Harness.Daemon.LineCount;
        Harness.Metadata.Publish([firstContainer]);
        var elapsed = await MeasureUntilOnlyAsync("alpha-1", requests: 6);
        var applied = await Harness.Daemon.WaitForLineAsync(
            line => line.Is("sync", "routes applied") && line.Field("servers") == "1", EndToEndHarness.ChangeTimeout, "routes applied servers=1", linesBefore);
        var afterRemoval = second.RequestCount;
        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 6);

        Harness.Record("removed container out of rotation", elapsed);
        applied.Field("backends").Should().Be("1");
        results.Should().AllSatisfy(result => result.Backend.Should().Be("alpha-1"));
        second.RequestCount.Should().Be(afterRemoval);
    }

    [Fact(Timeout = 90_000)]
    public async Task Publish_SeveralChanges_HaproxyMasterPidStaysTheSame()
    {
        var backend = await Harness.StartBackendAsync("shared");
        var containers = new List<System.Text.Json.Nodes.JsonObject> { ContainerBuilder.RoutedTo("stack0", backend).Build() };
        Harness.Metadata.Publish(containers);

        // No spare backends: every new stack needs a new backend, hence a real reload.
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SPARE_BACKENDS"] = "0" });
        var masterPid = daemon.MasterPid;
        var started = await daemon.WaitForEventAsync("haproxy", "started", EndToEndHarness.StartTimeout);
        var reloadsBefore = daemon.CountEvents("haproxy", "reload succeeded");

        for (var change = 1; change <= 3; change++)
        {
            containers.Add(ContainerBuilder.RoutedTo($"stack{change}", backend).Build());
            Harness.Metadata.Publish(containers);
            await Harness.Probe.EventuallyAsync(
                EndToEndHarness.HostFor($"stack{change}"), result => result.Backend == "shared", EndToEndHarness.ChangeTimeout, $"stack{change} to answer");
        }

        // A new route can answer a moment before the daemon has confirmed the reload and logged it.
        await daemon.WaitForLineAsync(
            line => line.Is("sync", "routes applied") && line.Field("hosts") == "4", EndToEndHarness.ChangeTimeout, "routes applied hosts=4");

        masterPid.Should().NotBeNull("the pid file exists once HAProxy has started");
        started.Field("master_pid").Should().Be(masterPid.ToString());
        daemon.MasterPid.Should().Be(masterPid, "a reload re-executes the master in place");
        HaproxyProcesses.IsLiveHaproxy(masterPid!.Value, out _).Should().BeTrue();
        daemon.CountEvents("haproxy", "reload succeeded").Should().BeGreaterThanOrEqualTo(reloadsBefore + 3, "each new stack needs a new backend, hence a reload");
        daemon.CountEvents("haproxy", "started").Should().Be(1);
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_IdenticalContentWithNewVersion_LeavesFilesAndHaproxyAlone()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var containers = new[] { ContainerBuilder.RoutedTo("alpha", alpha).Build(), ContainerBuilder.RoutedTo("alpha", alpha).WithState("stopped").Build() };
        Harness.Metadata.Publish(containers);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["LOG_LEVEL"] = "debug" });
        var mapWritten = File.GetLastWriteTimeUtc(Harness.DomainMapPath);
        var backendsWritten = File.GetLastWriteTimeUtc(Harness.BackendConfigPath);
        var reloads = daemon.CountEvents("haproxy", "reload succeeded");

        for (var publish = 0; publish < 3; publish++)
        {
            var linesBefore = daemon.LineCount;
            Harness.Metadata.Publish(containers);
            // The daemon's decision not to act: after it, nothing of this version is left to do.
            await daemon.WaitForEventAsync("sync", "metadata changed, routes did not", EndToEndHarness.ChangeTimeout, linesBefore);
        }

        File.GetLastWriteTimeUtc(Harness.DomainMapPath).Should().Be(mapWritten, "the rendered map is byte-identical");
        File.GetLastWriteTimeUtc(Harness.BackendConfigPath).Should().Be(backendsWritten, "the rendered backends are byte-identical");
        daemon.CountEvents("haproxy", "reload succeeded").Should().Be(reloads, "nothing changed, so nothing is reloaded");
    }

    /// <summary>How long until <paramref name="requests"/> consecutive requests to alpha are all answered by <paramref name="backend"/>.</summary>
    private async Task<TimeSpan> MeasureUntilOnlyAsync(string backend, int requests)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.UntilAsync(
            () => Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), requests),
            results => results.All(result => result.Backend == backend),
            EndToEndHarness.ChangeTimeout,
            $"only {backend} to answer {requests} requests in a row",
            results => string.Join(", ", results),
            pollInterval: TimeSpan.Zero);
        return stopwatch.Elapsed;
    }
}

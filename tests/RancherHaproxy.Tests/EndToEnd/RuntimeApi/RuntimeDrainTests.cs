using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.RuntimeApi;

/// <summary>
/// A stopping container is drained, not cut; and when no spare backend is left for new stacks, the
/// daemon falls back to a reload that routes them all.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class RuntimeDrainTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(4);

    [Fact(Timeout = 60_000)]
    public async Task Publish_RemovedContainerWithRequestInFlight_RequestCompletesAndNoNewRequestReachesIt()
    {
        var leaving = await Harness.StartBackendAsync("alpha-leaving");
        var staying = await Harness.StartBackendAsync("alpha-staying");
        var stayingContainer = ContainerBuilder.RoutedTo("alpha", staying).Build();
        Harness.Metadata.Publish([ContainerBuilder.RoutedTo("alpha", leaving).Build(), stayingContainer]);
        using var before = await RuntimeAssertions.StartAsync(Harness, "alpha", "alpha-leaving");

        leaving.Delay = SlowAnswer;
        var inFlight = SendUntilInFlightAsync(leaving);
        await leaving.WaitForInFlightAsync(EndToEndHarness.ChangeTimeout);
        Harness.Metadata.Publish([stayingContainer]);
        await RuntimeAssertions.WaitForRuntimeApplyAsync(Harness, before);
        var leavingCount = leaving.RequestCount;
        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 6);
        var slow = await inFlight;

        slow.Status.Should().Be(200, "a drained server finishes the requests it has");
        slow.Backend.Should().Be("alpha-leaving");
        results.Should().AllSatisfy(result => result.Backend.Should().Be("alpha-staying"));
        leaving.RequestCount.Should().Be(leavingCount, "a draining server gets no new request");
        await Harness.Daemon.WaitForLineAsync(
            line => line.Is("sync", "drained server removed"), EndToEndHarness.ChangeTimeout, "the idle drained server to be deleted", before.LinesBefore);
        await RuntimeAssertions.AssertNoReloadAsync(Harness, before, "alpha");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_MoreNewStacksThanSpareBackends_ReloadsAndRoutesThemAll()
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).Build();
        var gamma = ContainerBuilder.RoutedTo("gamma", await Harness.StartBackendAsync("gamma-1")).Build();
        Harness.Metadata.Publish([alpha]);
        using var before = await RuntimeAssertions.StartAsync(Harness, "alpha", "alpha-1", new Dictionary<string, string?> { ["SPARE_BACKENDS"] = "1" });

        Harness.Metadata.Publish([alpha, beta, gamma]);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta-1 to answer");
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("gamma"), result => result.Backend == "gamma-1", EndToEndHarness.ChangeTimeout, "gamma-1 to answer");
        var applied = await Harness.Daemon.WaitForLineAsync(
            line => line.Is("sync", "routes applied") && line.Field("backends") == "3", EndToEndHarness.ChangeTimeout, "routes applied backends=3", before.LinesBefore);

        applied.Field("reload").Should().Be("true", "two new stacks and one spare: only a reload can declare their backends");
        Harness.Daemon.CountEvents("haproxy", "reload succeeded", before.LinesBefore).Should().BeGreaterThanOrEqualTo(1);
        (await MasterSocket.WorkerPidAsync(Harness.RunDirectory)).Should().NotBe(before.WorkerPid, "a reload starts a new worker");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
    }

    /// <summary>Sends requests to alpha until one is held by <paramref name="slowBackend"/>; returns that one's result.</summary>
    private async Task<ProbeResult> SendUntilInFlightAsync(BackendListener slowBackend)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // Whichever comes first: this request is answered (by the other backend), or it is held by the slow one.
            using var answered = new CancellationTokenSource();
            var request = Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"), timeout: SlowAnswer * 3);
            var held = slowBackend.WaitForInFlightAsync(SlowAnswer * 3, answered.Token);
            await Task.WhenAny(request, held);
            await answered.CancelAsync();
            await held.ContinueWith(_ => { }, TaskScheduler.Default);
            if (slowBackend.InFlight > 0 || !request.IsCompleted)
            {
                return await request;
            }
        }

        throw new TimeoutException($"no request reached {slowBackend.Name}");
    }
}

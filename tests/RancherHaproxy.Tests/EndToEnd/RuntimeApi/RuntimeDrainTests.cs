using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.RuntimeApi;

/// <summary>
/// A stopping container is drained, not cut; and when no spare backend is left for new stacks, the
/// daemon falls back to a reload that routes them all.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class RuntimeDrainTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(4);

    private EndToEndHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EndToEndHarness.StartAsync(output);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task Publish_RemovedContainerWithRequestInFlight_RequestCompletesAndNoNewRequestReachesIt()
    {
        var leaving = await _harness.StartBackendAsync("alpha-leaving");
        var staying = await _harness.StartBackendAsync("alpha-staying");
        var stayingContainer = ContainerBuilder.RoutedTo("alpha", staying).Build();
        _harness.Metadata.Publish([ContainerBuilder.RoutedTo("alpha", leaving).Build(), stayingContainer]);
        using var before = await RuntimeAssertions.StartAsync(_harness, "alpha", "alpha-leaving");

        leaving.Delay = SlowAnswer;
        var inFlight = SendUntilInFlightAsync(leaving);
        await leaving.WaitForInFlightAsync(EndToEndHarness.ChangeTimeout);
        _harness.Metadata.Publish([stayingContainer]);
        await RuntimeAssertions.WaitForRuntimeApplyAsync(_harness, before);
        var leavingCount = leaving.RequestCount;
        var results = await _harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 6);
        var slow = await inFlight;

        slow.Status.Should().Be(200, "a drained server finishes the requests it has");
        slow.Backend.Should().Be("alpha-leaving");
        results.Should().AllSatisfy(result => result.Backend.Should().Be("alpha-staying"));
        leaving.RequestCount.Should().Be(leavingCount, "a draining server gets no new request");
        await _harness.Daemon.WaitForLineAsync(
            line => line.Is("sync", "drained server removed"), EndToEndHarness.ChangeTimeout, "the idle drained server to be deleted", before.LinesBefore);
        await RuntimeAssertions.AssertNoReloadAsync(_harness, before, "alpha");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_MoreNewStacksThanSpareBackends_ReloadsAndRoutesThemAll()
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await _harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await _harness.StartBackendAsync("beta-1")).Build();
        var gamma = ContainerBuilder.RoutedTo("gamma", await _harness.StartBackendAsync("gamma-1")).Build();
        _harness.Metadata.Publish([alpha]);
        using var before = await RuntimeAssertions.StartAsync(_harness, "alpha", "alpha-1", new Dictionary<string, string?> { ["SPARE_BACKENDS"] = "1" });

        _harness.Metadata.Publish([alpha, beta, gamma]);
        await _harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta-1 to answer");
        await _harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("gamma"), result => result.Backend == "gamma-1", EndToEndHarness.ChangeTimeout, "gamma-1 to answer");
        var applied = await _harness.Daemon.WaitForLineAsync(
            line => line.Is("sync", "routes applied") && line.Field("backends") == "3", EndToEndHarness.ChangeTimeout, "routes applied backends=3", before.LinesBefore);

        applied.Field("reload").Should().Be("true", "two new stacks and one spare: only a reload can declare their backends");
        _harness.Daemon.CountEvents("haproxy", "reload succeeded", before.LinesBefore).Should().BeGreaterThanOrEqualTo(1);
        (await MasterSocket.WorkerPidAsync(_harness.RunDirectory)).Should().NotBe(before.WorkerPid, "a reload starts a new worker");
        (await _harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
    }

    /// <summary>Sends requests to alpha until one is held by <paramref name="slowBackend"/>; returns that one's result.</summary>
    private async Task<ProbeResult> SendUntilInFlightAsync(BackendListener slowBackend)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // Whichever comes first: this request is answered (by the other backend), or it is held by the slow one.
            using var answered = new CancellationTokenSource();
            var request = _harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"), timeout: SlowAnswer * 3);
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

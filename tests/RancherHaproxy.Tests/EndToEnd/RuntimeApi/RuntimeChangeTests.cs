using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.RuntimeApi;

/// <summary>
/// Changes HAProxy's Runtime API can make are made without a reload: the same worker keeps serving
/// (its pid is unchanged) and a keep-alive connection opened before the change still gets answers.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class RuntimeChangeTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Fact(Timeout = 60_000)]
    public async Task Publish_ContainerAdded_JoinsWithoutReload()
    {
        var first = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var second = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-2")).Build();
        Harness.Metadata.Publish([first]);
        using var before = await StartAsync("alpha", "alpha-1");

        Harness.Metadata.Publish([first, second]);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-2", EndToEndHarness.ChangeTimeout, "alpha-2 to answer");

        await AssertNoReloadAsync(before, "alpha");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_ContainerRemoved_LeavesWithoutReload()
    {
        var first = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var secondBackend = await Harness.StartBackendAsync("alpha-2");
        Harness.Metadata.Publish([first, ContainerBuilder.RoutedTo("alpha", secondBackend).Build()]);
        using var before = await StartAsync("alpha", "alpha-2");

        Harness.Metadata.Publish([first]);
        await WaitForRuntimeApplyAsync(before);
        var countAfterApply = secondBackend.RequestCount;
        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 6);

        results.Should().AllSatisfy(result => result.Backend.Should().Be("alpha-1"));
        secondBackend.RequestCount.Should().Be(countAfterApply, "a removed container gets no new request");
        await AssertNoReloadAsync(before, "alpha");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_ContainerReaddressed_MovesWithoutReload()
    {
        var oldBackend = await Harness.StartBackendAsync("alpha-old");
        var newBackend = await Harness.StartBackendAsync("alpha-new");
        var container = ContainerBuilder.RoutedTo("alpha", oldBackend);
        Harness.Metadata.Publish([container.Build()]);
        using var before = await StartAsync("alpha", "alpha-old");

        // Same uuid (same server name), new primary IP and port: e.g. the container was rescheduled.
        Harness.Metadata.Publish([ContainerBuilder.RoutedTo("alpha", newBackend).WithUuid(container.Uuid).Build()]);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-new", EndToEndHarness.ChangeTimeout, "the new address to answer");
        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 4);

        results.Should().AllSatisfy(result => result.Backend.Should().Be("alpha-new"));
        (await before.Connection.GetAsync(EndToEndHarness.HostFor("alpha"))).Should().StartWith("backend=alpha-new");
        await AssertNoReloadAsync(before, "alpha");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_AliasAddedThenRemoved_MapFollowsWithoutReload()
    {
        var containers = new[] { ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build() };
        var www = EndToEndHarness.HostFor("www");
        Harness.Metadata.Publish(containers, LoadBalancer(aliases: null), MetadataObjects.Host("127.0.0.1"));
        using var before = await StartAsync("alpha", "alpha-1");
        (await Harness.Probe.GetAsync(www)).Status.Should().Be(EndToEndHarness.UnknownHostStatus);

        Harness.Metadata.Publish(containers, LoadBalancer(new JsonObject { ["alpha"] = new JsonArray("www") }), MetadataObjects.Host("127.0.0.1"));
        await Harness.Probe.EventuallyAsync(www, result => result.Backend == "alpha-1", EndToEndHarness.ChangeTimeout, "the alias to route to alpha");
        await AssertNoReloadAsync(before, "alpha");

        var linesBeforeRemoval = Harness.Daemon.LineCount;
        Harness.Metadata.Publish(containers, LoadBalancer(aliases: null), MetadataObjects.Host("127.0.0.1"));
        await Harness.Probe.EventuallyAsync(www, result => result.Status == EndToEndHarness.UnknownHostStatus, EndToEndHarness.ChangeTimeout, "the alias to be gone");
        await AssertNoReloadAsync(before with { LinesBefore = linesBeforeRemoval }, "alpha");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_NewStack_ServedFromSpareBackendWithoutReload()
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).Build();
        Harness.Metadata.Publish([alpha]);
        using var before = await StartAsync("alpha", "alpha-1");

        Harness.Metadata.Publish([alpha, beta]);
        var (_, elapsed) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta-1 to answer");

        Harness.Record("new stack answering without reload", elapsed);
        await AssertNoReloadAsync(before, "alpha");
    }

    private static JsonObject LoadBalancer(JsonObject? aliases) =>
        MetadataObjects.Service("lb", "haproxy", aliases is null ? new JsonObject() : new JsonObject { ["aliases"] = aliases });

    /// <summary>Starts the daemon, waits for <paramref name="stack"/> to reach <paramref name="backend"/>, and notes what must not change.</summary>
    private async Task<Before> StartAsync(string stack, string backend) =>
        await RuntimeAssertions.StartAsync(Harness, stack, backend);

    private Task WaitForRuntimeApplyAsync(Before before) => RuntimeAssertions.WaitForRuntimeApplyAsync(Harness, before);

    private Task AssertNoReloadAsync(Before before, string stack) => RuntimeAssertions.AssertNoReloadAsync(Harness, before, stack);
}

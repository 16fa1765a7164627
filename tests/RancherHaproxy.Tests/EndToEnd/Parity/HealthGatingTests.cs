using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>HEALTH_FILTER: a container whose health check says unhealthy gets no traffic, unless the filter is off.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class HealthGatingTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Fact(Timeout = 60_000)]
    public async Task Request_UnhealthySibling_GetsNoTrafficHealthyAndUncheckedDo()
    {
        var (healthy, noCheck, unhealthy) = await PublishThreeAsync();
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 8);

        results.Select(result => result.Backend).Distinct().Should().BeEquivalentTo(["healthy", "no-health-check"]);
        unhealthy.RequestCount.Should().Be(0);
        healthy.RequestCount.Should().BeGreaterThan(0);
        noCheck.RequestCount.Should().BeGreaterThan(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_HealthFilterOff_UnhealthyContainerRoutedToo()
    {
        var (_, _, unhealthy) = await PublishThreeAsync();
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["HEALTH_FILTER"] = "false" });

        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 9);

        results.Select(result => result.Backend).Distinct().Should().BeEquivalentTo(["healthy", "no-health-check", "unhealthy"]);
        unhealthy.RequestCount.Should().Be(3, "round-robin over three servers");
    }

    private async Task<(BackendListener Healthy, BackendListener Unchecked, BackendListener Unhealthy)> PublishThreeAsync()
    {
        var healthy = await Harness.StartBackendAsync("healthy");
        var noCheck = await Harness.StartBackendAsync("no-health-check");
        var unhealthy = await Harness.StartBackendAsync("unhealthy");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("alpha", healthy).WithState("running", "healthy"),
            ContainerBuilder.RoutedTo("alpha", noCheck).WithState("running", null),
            ContainerBuilder.RoutedTo("alpha", unhealthy).WithState("running", "unhealthy"));
        return (healthy, noCheck, unhealthy);
    }
}

using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Routing from payloads in every shape the real service sends: API versions, null lists, standalone containers.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class PayloadShapeTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Theory(Timeout = 60_000)]
    [InlineData(MetadataVersions.V3)]
    [InlineData(MetadataVersions.Latest)]
    public async Task Request_ApiVersionWithLowerCasedNamesAndNullPorts_IsRouted(string version)
    {
        var shop = await Harness.StartBackendAsync("shop-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("MyShop", shop));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["RANCHER_API_VERSION"] = version });

        var result = await Harness.Probe.GetAsync("myshop.e2e.test");

        result.Backend.Should().Be("shop-1");
        Harness.Metadata.RequestCount($"/{version}/containers").Should().BeGreaterThan(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_AllContainersGone_NullListAndEveryHostIsUnknown()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();

        Harness.Metadata.Publish([]);
        var (_, elapsed) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("alpha"), result => result.Status == EndToEndHarness.UnknownHostStatus, EndToEndHarness.ChangeTimeout, "the unknown-host answer once /containers is null");

        Harness.Record("last stack removed (containers null)", elapsed);
        daemon.HasExited.Should().BeFalse();
        daemon.Lines.Should().NotContain(line => line.Level == "error", "a null container list is an empty one, not an error");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_StandaloneContainerWithLabel_IsNotRouted()
    {
        var good = await Harness.StartBackendAsync("good");
        var standalone = await Harness.StartBackendAsync("standalone");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("alpha", good),
            ContainerBuilder.RoutedTo("ignored", standalone).Standalone());
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();

        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 4);

        results.Should().AllSatisfy(result => result.Backend.Should().Be("good"));
        standalone.RequestCount.Should().Be(0);
        daemon.Lines.Should().ContainSingle(line => line.Is("sync", "routes applied")).Which.Field("servers").Should().Be("1");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_StackWithTwoServices_OneBackendRoundRobinsOverBoth()
    {
        var web = await Harness.StartBackendAsync("web-1");
        var api = await Harness.StartBackendAsync("api-1");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("alpha", web).InStack("alpha", "web"),
            ContainerBuilder.RoutedTo("alpha", api).InStack("alpha", "api"));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();

        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 6);

        results.Select(result => result.Backend).Distinct().Should().BeEquivalentTo(["web-1", "api-1"]);
        var applied = daemon.Lines.Last(line => line.Is("sync", "routes applied"));
        applied.Field("backends").Should().Be("1", "one backend per stack");
        applied.Field("servers").Should().Be("2");
    }
}

using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Routing from payloads in every shape the real service sends: API versions, null lists, standalone containers.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class PayloadShapeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private EndToEndHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EndToEndHarness.StartAsync(output);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory(Timeout = 60_000)]
    [InlineData(MetadataVersions.V3)]
    [InlineData(MetadataVersions.Latest)]
    public async Task Request_ApiVersionWithLowerCasedNamesAndNullPorts_IsRouted(string version)
    {
        var shop = await _harness.StartBackendAsync("shop-1");
        _harness.Metadata.Publish(ContainerBuilder.RoutedTo("MyShop", shop));
        await _harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["RANCHER_API_VERSION"] = version });

        var result = await _harness.Probe.GetAsync("myshop.e2e.test");

        result.Backend.Should().Be("shop-1");
        _harness.Metadata.RequestCount($"/{version}/containers").Should().BeGreaterThan(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_AllContainersGone_NullListAndEveryHostAnswers503()
    {
        var alpha = await _harness.StartBackendAsync("alpha-1");
        _harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await _harness.StartDaemonAndWaitForRoutesAsync();

        _harness.Metadata.Publish([]);
        var (_, elapsed) = await _harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("alpha"), result => result.Status == 503, EndToEndHarness.ChangeTimeout, "503 once /containers is null");

        _harness.Record("last stack removed (containers null)", elapsed);
        daemon.HasExited.Should().BeFalse();
        daemon.Lines.Should().NotContain(line => line.Level == "error", "a null container list is an empty one, not an error");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_StandaloneContainerWithLabel_IsNotRouted()
    {
        var good = await _harness.StartBackendAsync("good");
        var standalone = await _harness.StartBackendAsync("standalone");
        _harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("alpha", good),
            ContainerBuilder.RoutedTo("ignored", standalone).Standalone());
        var daemon = await _harness.StartDaemonAndWaitForRoutesAsync();

        var results = await _harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 4);

        results.Should().AllSatisfy(result => result.Backend.Should().Be("good"));
        standalone.RequestCount.Should().Be(0);
        daemon.Lines.Should().ContainSingle(line => line.Is("sync", "routes applied")).Which.Field("servers").Should().Be("1");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_StackWithTwoServices_OneBackendRoundRobinsOverBoth()
    {
        var web = await _harness.StartBackendAsync("web-1");
        var api = await _harness.StartBackendAsync("api-1");
        _harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("alpha", web).InStack("alpha", "web"),
            ContainerBuilder.RoutedTo("alpha", api).InStack("alpha", "api"));
        var daemon = await _harness.StartDaemonAndWaitForRoutesAsync();

        var results = await _harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 6);

        results.Select(result => result.Backend).Distinct().Should().BeEquivalentTo(["web-1", "api-1"]);
        var applied = daemon.Lines.Last(line => line.Is("sync", "routes applied"));
        applied.Field("backends").Should().Be("1", "one backend per stack");
        applied.Field("servers").Should().Be("2");
    }
}

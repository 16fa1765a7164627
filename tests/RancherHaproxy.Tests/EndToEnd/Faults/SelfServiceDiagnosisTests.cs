using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>
/// When the load balancer's own service is not in metadata (404 for <c>/self/service</c>), its aliases
/// and TLS settings cannot be read: one warning says so, once per change, and one line when it is back.
/// A service that simply has no metadata is ordinary and says nothing.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class SelfServiceDiagnosisTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Missing = "this load balancer's own service is not in metadata: aliases and TLS from its service metadata are not applied";

    private EndToEndHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EndToEndHarness.StartAsync(output);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task SelfServiceMissing_OneWarningAcrossApplies_ThenOneLineWhenItAppears()
    {
        // Arrange
        var alpha = ContainerBuilder.RoutedTo("alpha", await _harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await _harness.StartBackendAsync("beta-1")).Build();
        _harness.Metadata.Publish([alpha]);
        var daemon = await _harness.StartDaemonAndWaitForRoutesAsync();

        // Act
        var linesBeforeSecond = daemon.LineCount;
        _harness.Metadata.Publish([alpha, beta]);
        await daemon.WaitForEventAsync("sync", "routes applied", EndToEndHarness.ChangeTimeout, linesBeforeSecond);
        var warnings = daemon.Lines.Where(line => line.Is("metadata", Missing)).ToList();
        var linesBeforeService = daemon.LineCount;
        _harness.Metadata.Publish([alpha], MetadataObjects.Service("lb", "haproxy"));
        var found = await daemon.WaitForEventAsync("metadata", "this load balancer's own service is in metadata again", EndToEndHarness.ChangeTimeout, linesBeforeService);

        // Assert
        var warning = warnings.Should().ContainSingle("one warning per change of state, not one per read").Subject;
        warning.Level.Should().Be("warn");
        warning.Field("url").Should().Be($"http://{_harness.Metadata.BaseHost}/{MetadataVersions.V2}/self/service");
        warning.Field("status").Should().Be("404");
        warning.Field("why").Should().Contain("network_mode: host");
        found.Level.Should().Be("info");
    }

    [Fact(Timeout = 60_000)]
    public async Task SelfServiceWithoutMetadataKey_SaysNothing()
    {
        // Arrange: a service object without its metadata key (older servers), so /self/service/metadata is 404.
        var alpha = ContainerBuilder.RoutedTo("alpha", await _harness.StartBackendAsync("alpha-1")).Build();
        var service = MetadataObjects.Service("lb", "haproxy");
        service.Remove("metadata");
        _harness.Metadata.Publish([alpha], service);

        // Act: the warning would come from the read that the first apply follows.
        var daemon = await _harness.StartDaemonAndWaitForRoutesAsync();

        // Assert
        _harness.Metadata.RequestCount($"/{MetadataVersions.V2}/self/service/metadata").Should().BeGreaterThan(0);
        _harness.Metadata.Requests.Should().Contain(request => request.Path == $"/{MetadataVersions.V2}/self/service", "the 404 is told apart");
        daemon.Lines.Should().NotContain(line => line.Component == "metadata" && line.Level == "warn");
    }
}

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
public sealed class SelfServiceDiagnosisTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string Missing = "this load balancer's own service is not in metadata: aliases and TLS from its service metadata are not applied";

    [Fact(Timeout = 60_000)]
    public async Task SelfServiceMissing_OneWarningAcrossApplies_ThenOneLineWhenItAppears()
    {
        // Arrange
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).Build();
        Harness.Metadata.Publish([alpha]);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();

        // Act
        var linesBeforeSecond = daemon.LineCount;
        Harness.Metadata.Publish([alpha, beta]);
        await daemon.WaitForEventAsync("sync", "routes applied", EndToEndHarness.ChangeTimeout, linesBeforeSecond);
        var warnings = daemon.Lines.Where(line => line.Is("metadata", Missing)).ToList();
        var linesBeforeService = daemon.LineCount;
        Harness.Metadata.Publish([alpha], MetadataObjects.Service("lb", "haproxy"));
        var found = await daemon.WaitForEventAsync("metadata", "this load balancer's own service is in metadata again", EndToEndHarness.ChangeTimeout, linesBeforeService);

        // Assert
        var warning = warnings.Should().ContainSingle("one warning per change of state, not one per read").Subject;
        warning.Level.Should().Be("warn");
        warning.Field("url").Should().Be($"http://{Harness.Metadata.BaseHost}/{MetadataVersions.V2}/self/service");
        warning.Field("status").Should().Be("404");
        warning.Field("why").Should().Contain("network_mode: host");
        found.Level.Should().Be("info");
    }

    [Fact(Timeout = 60_000)]
    public async Task SelfServiceWithoutMetadataKey_SaysNothing()
    {
        // Arrange: a service object without its metadata key (older servers), so /self/service/metadata is 404.
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var service = MetadataObjects.Service("lb", "haproxy");
        service.Remove("metadata");
        Harness.Metadata.Publish([alpha], service);

        // Act: the warning would come from the read that the first apply follows.
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();

        // Assert
        Harness.Metadata.RequestCount($"/{MetadataVersions.V2}/self/service/metadata").Should().BeGreaterThan(0);
        Harness.Metadata.Requests.Should().Contain(request => request.Path == $"/{MetadataVersions.V2}/self/service", "the 404 is told apart");
        daemon.Lines.Should().NotContain(line => line.Component == "metadata" && line.Level == "warn");
    }
}

using System.Globalization;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>A user's own HAPROXY_CONFIG: the shipped one plus their own frontend keeps routing stacks.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class CustomConfigTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Fact(Timeout = 60_000)]
    public async Task Request_ShippedConfigPlusOwnFrontend_BothAnswer()
    {
        var extraPort = FreePort.Next();
        var config = Harness.Directory.Combine("custom-haproxy.cfg");
        await File.WriteAllTextAsync(config, await File.ReadAllTextAsync(RepositoryPaths.ShippedHaproxyConfig) + string.Create(CultureInfo.InvariantCulture, $"""

            frontend users-own
                bind 127.0.0.1:{extraPort}
                http-request return status 200 content-type "text/plain" string "users-own frontend"

            """));
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["HAPROXY_CONFIG"] = config });

        var routed = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));
        var unknown = await Harness.Probe.GetAsync("unknown.e2e.test");
        var own = await new HttpProbe(extraPort).GetAsync("anything.example");

        routed.Backend.Should().Be("alpha-1");
        unknown.Status.Should().Be(EndToEndHarness.UnknownHostStatus);
        own.Status.Should().Be(200);
        own.Body.Should().Be("users-own frontend");
    }
}

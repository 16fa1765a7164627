using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Resources;

/// <summary>
/// A load balancer lives for months of small changes: each apply, through the Runtime API or a
/// reload, gives back what it took. The daemon's open descriptors and resident size after 100
/// applies are where they were after the first ten.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ChurnResourceTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const int Applies = 100;
    private const int Settle = 10;
    private const int DescriptorSlack = 3;
    private const long RssSlackKilobytes = 2 * 1024;

    [Fact(Timeout = 240_000)]
    public async Task Applies_HundredOnBothPaths_DescriptorsAndMemoryStayFlat()
    {
        // Arrange: alpha's second container comes and goes (Runtime API); every fourth change adds a
        // stack, which with no spare backend needs a reload.
        var first = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var secondBackend = await Harness.StartBackendAsync("alpha-2");
        var second = ContainerBuilder.RoutedTo("alpha", secondBackend).Build();
        Harness.Metadata.Publish([first]);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SPARE_BACKENDS"] = "0" });
        var fromLine = daemon.LineCount;
        var stacks = new List<JsonObject>();
        ProcessResources? settled = null;

        // Act
        for (var apply = 1; apply <= Applies; apply++)
        {
            if (apply % 4 == 0)
            {
                stacks.Add(ContainerBuilder.RoutedTo($"churn{apply:D3}", secondBackend).Build());
            }

            var linesBefore = daemon.LineCount;
            Harness.Metadata.Publish([first, .. apply % 2 == 1 ? [second] : Array.Empty<JsonObject>(), .. stacks]);
            await daemon.WaitForEventAsync("sync", "routes applied", EndToEndHarness.ChangeTimeout, linesBefore);
            if (apply == Settle)
            {
                settled = await ProcessResources.SettledOfAsync(daemon.Pid);
            }
        }

        var after = await ProcessResources.SettledOfAsync(daemon.Pid);

        // Assert
        settled.Should().NotBeNull();
        Output.WriteLine($"measured: after {Settle} applies {settled}; after {Applies}: {after}");
        var applied = daemon.Lines.Skip(fromLine).Where(line => line.Is("sync", "routes applied")).ToList();
        applied.Count(line => line.Field("reload") == "true").Should().BeGreaterThanOrEqualTo(Applies / 4, "every new stack reloads");
        applied.Count(line => line.Field("reload") == "false").Should().BeGreaterThanOrEqualTo(Applies / 2, "alpha's second container changes at run time");
        after.Descriptors.Should().BeInRange(settled.Descriptors - DescriptorSlack, settled.Descriptors + DescriptorSlack, "an apply closes what it opens");
        after.RssKilobytes.Should().BeLessThanOrEqualTo(settled.RssKilobytes + RssSlackKilobytes, "an apply's memory is collected");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("churn100"))).Backend.Should().Be("alpha-2");
    }
}

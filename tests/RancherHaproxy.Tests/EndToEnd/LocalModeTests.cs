using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>METADATA_FILE: the same JSON from a file, applied again whenever the file changes; no HTTP at all.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class LocalModeTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Fact(Timeout = 90_000)]
    public async Task Start_MetadataFile_RoutesFromFileAndFollowsEdits()
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).Build();
        var decoy = await Harness.StartBackendAsync("decoy");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("decoy", decoy));
        var file = Harness.Directory.Combine("metadata.json");
        await File.WriteAllTextAsync(file, MetadataFile(alpha));

        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["METADATA_FILE"] = file });
        var fromFile = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));
        var fromServer = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("decoy"));

        fromFile.Backend.Should().Be("alpha-1");
        fromServer.Status.Should().Be(EndToEndHarness.UnknownHostStatus, "in local mode the metadata service is not used");

        await File.WriteAllTextAsync(file, MetadataFile(beta));
        var (_, inPlace) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta-1 after an in-place edit");
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Status == EndToEndHarness.UnknownHostStatus, EndToEndHarness.ChangeTimeout, "alpha gone");

        var temporary = Harness.Directory.Combine("metadata.json.new");
        await File.WriteAllTextAsync(temporary, MetadataFile(alpha, beta));
        File.Move(temporary, file, overwrite: true);
        var (_, replaced) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-1", EndToEndHarness.ChangeTimeout, "alpha-1 after the file was replaced by rename");

        Harness.Record("route after editing METADATA_FILE in place", inPlace);
        Harness.Record("route after replacing METADATA_FILE by rename", replaced);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("beta"))).Backend.Should().Be("beta-1");
        Harness.Metadata.Requests.Should().BeEmpty("local mode never talks to the metadata service");
        decoy.RequestCount.Should().Be(0);
    }

    /// <summary>The object the metadata service would give for 2015-12-19: containers plus self.</summary>
    private static string MetadataFile(params JsonObject[] containers) => MetadataFormatter.Json(new JsonObject
    {
        ["containers"] = new JsonArray([.. containers.Select(container => (JsonNode?)MetadataVersions.ShapeContainer(container, MetadataVersions.V2, "127.0.0.1"))]),
        ["self"] = new JsonObject { ["host"] = FakeMetadataServer.DefaultHost.DeepClone() },
    });
}

using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>Service metadata <c>aliases</c> (stack → names): each name answers at <c>&lt;name&gt;.&lt;STACK_DOMAIN&gt;</c>.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class AliasTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Fact(Timeout = 60_000)]
    public async Task Request_AliasOfStack_ReachesThatStack()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        Harness.Metadata.Publish(Containers(alpha, beta), Aliases(("alpha", ["www"])));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var viaAlias = await Harness.Probe.GetAsync("www.e2e.test");
        var viaName = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        viaAlias.Backend.Should().Be("alpha-1");
        viaName.Backend.Should().Be("alpha-1");
        beta.RequestCount.Should().Be(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_InvalidAliasBesideValidOnes_SkippedWithWarningValidOnesRouted()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        Harness.Metadata.Publish(Containers(alpha, beta), Aliases(("alpha", ["www", "bad_alias!"]), ("beta", ["api"])));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var www = await Harness.Probe.GetAsync("www.e2e.test");
        var api = await Harness.Probe.GetAsync("api.e2e.test");

        www.Backend.Should().Be("alpha-1");
        api.Backend.Should().Be("beta-1");
        File.ReadAllText(Harness.DomainMapPath).Should().NotContain("bad_alias", "the invalid alias never reaches the map");
        Harness.Daemon.Lines.Should().Contain(
            line => line.Level == "warn" && line.Raw.Contains("bad_alias!", StringComparison.Ordinal),
            "the skipped alias is named in a warning");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_OnlyAliasesChange_NewAliasRoutedOldOneGone()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        var containers = Containers(alpha, beta);
        Harness.Metadata.Publish(containers, Aliases(("alpha", ["www"])));
        await Harness.StartDaemonAndWaitForRoutesAsync();
        (await Harness.Probe.GetAsync("www.e2e.test")).Backend.Should().Be("alpha-1");

        Harness.Metadata.Publish(containers, Aliases(("beta", ["www"]), ("alpha", ["shop"])));
        await Harness.Probe.EventuallyAsync("www.e2e.test", result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "www moved to beta");
        var shop = await Harness.Probe.GetAsync("shop.e2e.test");

        shop.Backend.Should().Be("alpha-1", "the new alias of alpha is applied with the same containers");
    }

    private static JsonObject[] Containers(BackendListener alpha, BackendListener beta) =>
        [ContainerBuilder.RoutedTo("alpha", alpha).Build(), ContainerBuilder.RoutedTo("beta", beta).Build()];

    private static JsonObject Aliases(params (string Stack, string[] Names)[] aliases)
    {
        var map = new JsonObject();
        foreach (var (stack, names) in aliases)
        {
            map[stack] = new JsonArray([.. names.Select(name => (JsonNode?)JsonValue.Create(name))]);
        }

        return MetadataObjects.Service("lb", "haproxy", new JsonObject { ["aliases"] = map });
    }
}

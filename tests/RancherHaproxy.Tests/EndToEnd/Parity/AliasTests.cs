using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>Service metadata <c>aliases</c> (stack → names): each name answers at <c>&lt;name&gt;.&lt;STACK_DOMAIN&gt;</c>.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class AliasTests(ITestOutputHelper output) : IAsyncLifetime
{
    private EndToEndHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EndToEndHarness.StartAsync(output);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task Request_AliasOfStack_ReachesThatStack()
    {
        var alpha = await _harness.StartBackendAsync("alpha-1");
        var beta = await _harness.StartBackendAsync("beta-1");
        _harness.Metadata.Publish(Containers(alpha, beta), Aliases(("alpha", ["www"])));
        await _harness.StartDaemonAndWaitForRoutesAsync();

        var viaAlias = await _harness.Probe.GetAsync("www.e2e.test");
        var viaName = await _harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        viaAlias.Backend.Should().Be("alpha-1");
        viaName.Backend.Should().Be("alpha-1");
        beta.RequestCount.Should().Be(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_InvalidAliasBesideValidOnes_SkippedWithWarningValidOnesRouted()
    {
        var alpha = await _harness.StartBackendAsync("alpha-1");
        var beta = await _harness.StartBackendAsync("beta-1");
        _harness.Metadata.Publish(Containers(alpha, beta), Aliases(("alpha", ["www", "bad_alias!"]), ("beta", ["api"])));
        await _harness.StartDaemonAndWaitForRoutesAsync();

        var www = await _harness.Probe.GetAsync("www.e2e.test");
        var api = await _harness.Probe.GetAsync("api.e2e.test");

        www.Backend.Should().Be("alpha-1");
        api.Backend.Should().Be("beta-1");
        File.ReadAllText(_harness.DomainMapPath).Should().NotContain("bad_alias", "the invalid alias never reaches the map");
        _harness.Daemon.Lines.Should().Contain(
            line => line.Level == "warn" && line.Raw.Contains("bad_alias!", StringComparison.Ordinal),
            "the skipped alias is named in a warning");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_OnlyAliasesChange_NewAliasRoutedOldOneGone()
    {
        var alpha = await _harness.StartBackendAsync("alpha-1");
        var beta = await _harness.StartBackendAsync("beta-1");
        var containers = Containers(alpha, beta);
        _harness.Metadata.Publish(containers, Aliases(("alpha", ["www"])));
        await _harness.StartDaemonAndWaitForRoutesAsync();
        (await _harness.Probe.GetAsync("www.e2e.test")).Backend.Should().Be("alpha-1");

        _harness.Metadata.Publish(containers, Aliases(("beta", ["www"]), ("alpha", ["shop"])));
        await _harness.Probe.EventuallyAsync("www.e2e.test", result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "www moved to beta");
        var shop = await _harness.Probe.GetAsync("shop.e2e.test");

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

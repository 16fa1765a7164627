using RancherHaproxy.Discovery;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Routing;

/// <summary>A host two stacks ask for: alias over own name over label; the holder keeps it; else the smallest name.</summary>
public sealed partial class RoutingTableBuilderTests
{
    [Fact]
    public void Build_OwnNameAgainstLabel_OwnNameWinsEvenOverTheHolder()
    {
        // Arrange: review app "rev" declares shop.example.com; then the stack "shop" appears.
        var containers = new[]
        {
            Containers.Routed(uuid: "c-1", stack: "rev").WithLabel(HostsLabel, "shop,{stack}"),
            Containers.Routed(uuid: "c-2", stack: "shop", ip: "10.42.0.2"),
        };
        var held = new Dictionary<string, string> { ["shop.example.com"] = "rev" };

        // Act
        var result = RoutingTableBuilder.Build(containers, ServiceMetadata.Empty, Containers.Options, held);

        // Assert
        result.HostOwners["shop.example.com"].Should().Be("shop");
        result.Notices.Should().ContainSingle().Which.Should().Be(
            new RoutingNotice(true, "stack=rev", "host", "host shop.example.com already routes to stack shop; skipped"));
    }

    [Theory]
    [InlineData(null, "alpha")]
    [InlineData("beta", "beta")]
    [InlineData("gone", "alpha")]
    public void Build_TwoLabelsForOneHost_HolderKeepsItElseTheSmallestName(string? holder, string winner)
    {
        // Arrange
        var containers = new[]
        {
            Containers.Routed(uuid: "c-1", stack: "beta").WithLabel(HostsLabel, "{stack},demo"),
            Containers.Routed(uuid: "c-2", stack: "alpha", ip: "10.42.0.2").WithLabel(HostsLabel, "{stack},demo"),
        };
        var held = holder is null ? null : new Dictionary<string, string> { ["demo.example.com"] = holder };

        // Act
        var result = RoutingTableBuilder.Build(containers, ServiceMetadata.Empty, Containers.Options, held);

        // Assert
        result.HostOwners["demo.example.com"].Should().Be(winner);
        var loser = winner == "alpha" ? "beta" : "alpha";
        result.Notices.Should().ContainSingle().Which.Reason.Should().Be($"host demo.example.com already routes to stack {winner}; skipped");
        result.Notices.Single().Subject.Should().Be($"stack={loser}");
        result.Table.Backends.Single(backend => backend.Stack == winner).Hosts.Should().Contain("demo.example.com");
    }

    [Fact]
    public void Build_HolderThatIsNotRoutable_KeepsItsHost()
    {
        // Arrange: alpha holds demo and restarts; beta asks for demo too.
        var alpha = Containers.Routed(uuid: "c-1", stack: "alpha").WithLabel(HostsLabel, "demo");
        alpha.State = "restarting";
        var beta = Containers.Routed(uuid: "c-2", stack: "beta").WithLabel(HostsLabel, "demo");
        var held = new Dictionary<string, string> { ["demo.example.com"] = "alpha" };

        // Act
        var result = RoutingTableBuilder.Build([alpha, beta], ServiceMetadata.Empty, Containers.Options, held);

        // Assert
        result.HostOwners["demo.example.com"].Should().Be("alpha");
        result.Table.Backends.Should().BeEmpty("beta may not take the host while alpha lives, and alpha has nothing routable");
        result.Stacks.Single(stack => stack.Name == "alpha").Hosts.Single().Containers.Starting.Should().Be(1);
    }

    [Fact]
    public void Build_AliasAgainstLabel_AliasWins()
    {
        // Arrange
        var service = Aliases(("shop", ["demo"]));
        var containers = new[]
        {
            Containers.Routed(uuid: "c-1", stack: "shop"),
            Containers.Routed(uuid: "c-2", stack: "rev", ip: "10.42.0.2").WithLabel(HostsLabel, "demo"),
        };
        var held = new Dictionary<string, string> { ["demo.example.com"] = "rev" };

        // Act
        var result = RoutingTableBuilder.Build(containers, service, Containers.Options, held);

        // Assert
        result.HostOwners["demo.example.com"].Should().Be("shop");
        result.Table.Backends.Single(backend => backend.Stack == "shop").Hosts.Should().Equal("demo.example.com", "shop.example.com");
    }

    [Fact]
    public void Build_ReservedIndexHost_NoStackTakesIt()
    {
        // Arrange
        var options = Containers.Options with { ReservedHost = "index.example.com" };

        // Act
        var result = RoutingTableBuilder.Build([Containers.Routed(stack: "index")], ServiceMetadata.Empty, options);

        // Assert
        result.HostOwners.Should().BeEmpty();
        result.Notices.Should().ContainSingle().Which.Reason.Should().Be("host index.example.com is the INDEX_HOST; skipped");
    }
}

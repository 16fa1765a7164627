using RancherHaproxy.Discovery;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Routing;

/// <summary>Host names: stack.domain, aliases, and stacks that differ only by case.</summary>
public sealed partial class RoutingTableBuilderTests
{
    [Fact]
    public void Build_UpperCaseStack_HostAndBackendAreLowerCase()
    {
        // Arrange / Act
        var backend = Build(Containers.Routed(stack: "Shop")).Table.Backends.Single();

        // Assert
        backend.Name.Should().Be("stack_shop");
        backend.Stack.Should().Be("Shop");
        backend.Hosts.Should().Equal("shop.example.com");
    }

    [Fact]
    public void Build_Aliases_AddSortedLowerCaseHostsToTheStack()
    {
        // Arrange
        var service = Aliases(("shop", ["www", "Store.V2"]));

        // Act
        var result = RoutingTableBuilder.Build([Containers.Routed(stack: "shop")], service, Containers.Options);

        // Assert
        result.Notices.Should().BeEmpty();
        result.Table.Backends.Single().Hosts.Should().Equal("shop.example.com", "store.v2.example.com", "www.example.com");
    }

    [Fact]
    public void Build_AliasKeyInOtherCase_StillMatchesTheStack()
    {
        // Arrange
        var service = Aliases(("SHOP", ["www"]));

        // Act
        var result = RoutingTableBuilder.Build([Containers.Routed(stack: "shop")], service, Containers.Options);

        // Assert
        result.Table.Backends.Single().Hosts.Should().Contain("www.example.com");
    }

    [Theory]
    [InlineData("bad alias")]
    [InlineData("www\n")]
    [InlineData("%[req.hdr(host)]")]
    [InlineData("#www")]
    [InlineData("w\"w")]
    [InlineData("")]
    [InlineData("*.shop")]
    public void Build_InvalidAlias_SkipsItWithWarningAndKeepsTheRest(string alias)
    {
        // Arrange
        var service = Aliases(("shop", [alias, "www"]));

        // Act
        var result = RoutingTableBuilder.Build([Containers.Routed(stack: "shop")], service, Containers.Options);

        // Assert
        result.Table.Backends.Single().Hosts.Should().Equal("shop.example.com", "www.example.com");
        var notice = result.Notices.Should().ContainSingle().Subject;
        notice.IsWarning.Should().BeTrue();
        notice.Subject.Should().StartWith("alias=");
        notice.Field.Should().Be("aliases.shop");
        notice.Subject.Should().NotContainAny("\n", "\r");
    }

    [Fact]
    public void Build_AliasForUnknownStack_IsIgnored()
    {
        // Arrange
        var service = Aliases(("ghost", ["boo"]));

        // Act
        var result = RoutingTableBuilder.Build([Containers.Routed(stack: "shop")], service, Containers.Options);

        // Assert
        result.Table.HostCount.Should().Be(1);
        result.Table.Backends.Single().Hosts.Should().Equal("shop.example.com");
    }

    [Fact]
    public void Build_AliasClaimingAnotherStacksOwnHost_WinsAndTheStackIsTold()
    {
        // Arrange: the load balancer's metadata gives shop blog.example.com, the blog stack's own host.
        // Whoever runs the proxy sets aliases: they beat a stack's own name (issue 12).
        var service = Aliases(("shop", ["blog"]));
        var containers = new[] { Containers.Routed(uuid: "c-1", stack: "shop"), Containers.Routed(uuid: "c-2", stack: "blog") };

        // Act
        var result = RoutingTableBuilder.Build(containers, service, Containers.Options);

        // Assert
        var hosts = result.Table.Backends.ToDictionary(backend => backend.Stack, backend => backend.Hosts);
        hosts["shop"].Should().Equal("blog.example.com", "shop.example.com");
        hosts["blog"].Should().BeEmpty("blog lost its only host but keeps its backend, as a stack that loses a conflict always did");
        var notice = result.Notices.Should().ContainSingle().Subject;
        (notice.IsWarning, notice.Subject, notice.Field, notice.Reason)
            .Should().Be((true, "stack=blog", "host", "host blog.example.com already routes to stack shop; skipped"));
    }

    [Fact]
    public void Build_StacksDifferingOnlyByCase_GetDistinctBackendsAndOneHost()
    {
        // Arrange
        var containers = new[] { Containers.Routed(uuid: "c-1", stack: "shop"), Containers.Routed(uuid: "c-2", stack: "Shop") };

        // Act
        var result = Build(containers);

        // Assert
        var backends = result.Table.Backends.ToDictionary(backend => backend.Stack);
        backends.Should().HaveCount(2);
        backends["Shop"].Name.Should().MatchRegex("^stack_shop_[0-9a-f]{8}$");
        backends["shop"].Name.Should().MatchRegex("^stack_shop_[0-9a-f]{8}$").And.NotBe(backends["Shop"].Name);
        backends["Shop"].Hosts.Should().Equal(["shop.example.com"], "\"Shop\" sorts first in ordinal order");
        backends["shop"].Hosts.Should().BeEmpty();
        var notice = result.Notices.Should().ContainSingle().Subject;
        (notice.IsWarning, notice.Subject, notice.Field).Should().Be((true, "stack=shop", "host"));
    }

    [Fact]
    public void Build_StacksDifferingOnlyByCase_NamesDoNotDependOnOrderOrNeighbours()
    {
        // Arrange
        var shop = Containers.Routed(uuid: "c-1", stack: "shop");
        var upper = Containers.Routed(uuid: "c-2", stack: "Shop");
        var other = Containers.Routed(uuid: "c-3", stack: "blog");

        // Act
        var first = Build(shop, upper).Table.Backends.ToDictionary(backend => backend.Stack, backend => backend.Name);
        var second = Build(other, upper, shop).Table.Backends.ToDictionary(backend => backend.Stack, backend => backend.Name);

        // Assert
        second["shop"].Should().Be(first["shop"]);
        second["Shop"].Should().Be(first["Shop"]);
    }

    private static ServiceMetadata Aliases(params (string Stack, string[] Names)[] aliases) =>
        ServiceMetadata.Empty with
        {
            Aliases = aliases.ToDictionary(alias => alias.Stack, alias => (IReadOnlyList<string>)alias.Names, StringComparer.Ordinal),
        };
}

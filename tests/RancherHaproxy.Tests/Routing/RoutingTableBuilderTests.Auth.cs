using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Routing;

/// <summary>The `.auth` label, AUTH_DEFAULT and AUTH_ALLOW_OPT_OUT: which stacks are protected, and the auth map's entries.</summary>
public sealed partial class RoutingTableBuilderTests
{
    private const string AuthLabel = Containers.PortLabel + ".auth";

    [Theory]
    [InlineData(null, false, false, false)]
    [InlineData(null, true, false, true)]
    [InlineData("on", false, false, true)]
    [InlineData("on", true, true, true)]
    [InlineData("off", true, true, false)]
    [InlineData("off", false, true, false)]
    [InlineData("off", true, false, true)]
    [InlineData("off", false, false, false)]
    public void Build_AuthLabel_DecidesProtection(string? label, bool authDefault, bool optOut, bool expected)
    {
        // Arrange
        var container = Containers.Routed(uuid: "c-1", stack: "alpha").WithLabel(AuthLabel, label);

        // Act
        var result = BuildAuth(authDefault, optOut, container);

        // Assert
        result.Stacks.Single().Protected.Should().Be(expected);
        result.Table.AuthHosts.Should().BeEquivalentTo(expected ? [new KeyValuePair<string, string>("alpha.example.com", "alpha")] : Array.Empty<KeyValuePair<string, string>>());
    }

    [Fact]
    public void Build_OneContainerOnAnotherOff_OnWins()
    {
        // Act
        var result = BuildAuth(false, true,
            Containers.Routed(uuid: "c-1", stack: "alpha").WithLabel(AuthLabel, "off"),
            Containers.Routed(uuid: "c-2", stack: "alpha", ip: "10.42.0.2").WithLabel(AuthLabel, "on"));

        // Assert
        result.Stacks.Single().Protected.Should().BeTrue();
        result.Notices.Should().BeEmpty();
    }

    [Fact]
    public void Build_OffWithoutOptOut_WarnsNamingTheStack()
    {
        // Act
        var result = BuildAuth(true, false, Containers.Routed(uuid: "c-1", stack: "alpha").WithLabel(AuthLabel, "off"));

        // Assert
        var notice = result.Notices.Should().ContainSingle().Subject;
        (notice.IsWarning, notice.Subject, notice.Field).Should().Be((true, "stack=alpha", "label " + AuthLabel));
        notice.Reason.Should().Contain("AUTH_ALLOW_OPT_OUT=true").And.Contain("stays protected");
        notice.Message.Should().Be("auth label ignored");
    }

    [Fact]
    public void Build_OtherLabelValue_WarnsNamingTheContainerAndIsIgnored()
    {
        // Act
        var result = BuildAuth(true, true, Containers.Routed(uuid: "c-1", stack: "alpha").WithLabel(AuthLabel, "yes"));

        // Assert
        result.Stacks.Single().Protected.Should().BeTrue("an unknown value counts as unset: AUTH_DEFAULT=on");
        var notice = result.Notices.Should().ContainSingle().Subject;
        (notice.Subject, notice.Field).Should().Be(("container=c-1", "label " + AuthLabel));
        notice.Reason.Should().Contain("'yes'");
    }

    [Fact]
    public void Build_ProtectedStack_EveryRoutedHostWithTheStackAsRealm()
    {
        // Arrange: the stack's own name, a `.hosts` name and an alias.
        var containers = new[]
        {
            Containers.Routed(uuid: "c-1", stack: "alpha").WithLabel(AuthLabel, "on"),
            Containers.Routed(uuid: "c-2", stack: "alpha", service: "api", ip: "10.42.0.2").WithLabel(HostsLabel, "api-{stack}"),
            Containers.Routed(uuid: "c-3", stack: "beta", ip: "10.42.0.3"),
        };
        var service = ServiceMetadata.Empty with { Aliases = new Dictionary<string, IReadOnlyList<string>> { ["alpha"] = ["www"] } };

        // Act
        var table = RoutingTableBuilder.Build(containers, service, Containers.Options).Table;

        // Assert
        table.AuthHosts.Should().Equal(
            new KeyValuePair<string, string>("alpha.example.com", "alpha"),
            new KeyValuePair<string, string>("api-alpha.example.com", "alpha"),
            new KeyValuePair<string, string>("www.example.com", "alpha"));
    }

    [Fact]
    public void Build_ProtectedStackNotRoutable_HostsStayOutOfTheAuthMap()
    {
        // Act: its host answers through the daemon's pages, which show nothing of the stack.
        var result = BuildAuth(false, false, With(Containers.Routed(uuid: "c-1", stack: "alpha"), state: "starting").WithLabel(AuthLabel, "on"));

        // Assert
        result.Stacks.Single().Protected.Should().BeTrue();
        result.Table.AuthHosts.Should().BeEmpty();
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Build_IndexHost_ProtectedWithRealmIndexWhenAuthDefaultIsOn(bool authDefault, bool expected)
    {
        // Arrange
        var options = Containers.Options with { AuthDefault = authDefault, ReservedHost = "index.example.com" };

        // Act
        var table = RoutingTableBuilder.Build([], ServiceMetadata.Empty, options).Table;

        // Assert
        table.AuthHosts.Contains(new KeyValuePair<string, string>("index.example.com", RoutingTableBuilder.IndexRealm)).Should().Be(expected);
        RoutingTableBuilder.EmptyTable(options).AuthHosts.Should().Equal(table.AuthHosts, "HAProxy starts with the index already protected");
    }

    private static RoutingResult BuildAuth(bool authDefault, bool optOut, params ContainerDto[] containers) =>
        RoutingTableBuilder.Build(containers, ServiceMetadata.Empty, Containers.Options with { AuthDefault = authDefault, AuthAllowOptOut = optOut });
}

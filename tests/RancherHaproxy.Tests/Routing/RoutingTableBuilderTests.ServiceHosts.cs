using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Routing;

/// <summary>The `.hosts` label: host names per service, groups of containers, and their backends.</summary>
public sealed partial class RoutingTableBuilderTests
{
    private const string HostsLabel = Containers.PortLabel + ".hosts";

    [Fact]
    public void Build_TwoServicesOneWithHostsLabel_EachHostGetsItsOwnBackend()
    {
        // Arrange: web keeps the stack's name, api asks for api-{stack}.
        var containers = new[]
        {
            Containers.Routed(uuid: "c-1", stack: "app-r123", service: "web"),
            Containers.Routed(uuid: "c-2", stack: "app-r123", service: "api", ip: "10.42.0.2").WithLabel(HostsLabel, "api-{stack}"),
        };

        // Act
        var backends = Build(containers).Table.Backends;

        // Assert
        backends.Select(backend => (backend.Name, string.Join(",", backend.Hosts), string.Join(",", backend.Servers.Select(server => server.Name))))
            .Should().Equal(
                ("stack_app-r123", "app-r123.example.com", "web_c-1"),
                ("stack_app-r123.api-app-r123.example.com", "api-app-r123.example.com", "api_c-2"));
    }

    [Fact]
    public void Build_HostListedByTwoServices_IsServedByBoth()
    {
        // Arrange
        var containers = new[]
        {
            Containers.Routed(uuid: "c-1", stack: "shop", service: "web").WithLabel(HostsLabel, "{stack}, www-{stack}"),
            Containers.Routed(uuid: "c-2", stack: "shop", service: "legacy", ip: "10.42.0.2").WithLabel(HostsLabel, "www-{stack}"),
        };

        // Act
        var backends = Build(containers).Table.Backends.ToDictionary(backend => backend.Name);

        // Assert
        backends["stack_shop"].Servers.Select(server => server.Name).Should().Equal("web_c-1");
        backends["stack_shop.www-shop.example.com"].Servers.Select(server => server.Name).Should().Equal("legacy_c-2", "web_c-1");
    }

    [Theory]
    [InlineData("{service}-{stack}", "web-shop.example.com")]
    [InlineData("API.{stack}.Example.com", "api.shop.example.com")]
    [InlineData(" docs ,", "docs.example.com")]
    [InlineData("", "shop.example.com")]
    public void Build_HostsLabel_ExpandsAndLowerCases(string label, string expected)
    {
        // Act
        var backend = Build(Containers.Routed(stack: "Shop").WithLabel(HostsLabel, label)).Table.Backends.Single();

        // Assert
        backend.Hosts.Should().Equal(expected);
    }

    [Theory]
    [InlineData("evil.com", "is outside STACK_DOMAIN and EXTRA_DOMAINS")]
    [InlineData("example.com", "is outside STACK_DOMAIN and EXTRA_DOMAINS")]
    [InlineData("a_b", "is not a valid host name")]
    [InlineData("<script>", "is not a valid host name")]
    [InlineData("x.-y.example.com", "is not a valid host name")]
    public void Build_InvalidHostName_IsSkippedWithAWarningNamingTheContainerAndLabel(string label, string reason)
    {
        // Arrange
        var containers = new[] { Containers.Routed(uuid: "c-1").WithLabel(HostsLabel, label + ",ok") };

        // Act
        var result = Build(containers);

        // Assert
        result.Table.Backends.Single().Hosts.Should().Equal("ok.example.com");
        var notice = result.Notices.Should().ContainSingle().Subject;
        (notice.IsWarning, notice.Subject, notice.Field).Should().Be((true, "container=c-1", "label " + HostsLabel));
        notice.Reason.Should().EndWith($"{reason}; skipped");
    }

    [Fact]
    public void Build_OutsideDomainListedInExtraDomains_IsAccepted()
    {
        // Arrange
        var options = Containers.Options with { ExtraDomains = ["review.example.org"] };
        var container = Containers.Routed(stack: "shop").WithLabel(HostsLabel, "{stack}.review.example.org");

        // Act
        var result = RoutingTableBuilder.Build([container], ServiceMetadata.Empty, options);

        // Assert
        result.Notices.Should().BeEmpty();
        result.Table.Backends.Single().Hosts.Should().Equal("shop.review.example.org");
    }

    [Fact]
    public void Build_NoValidHostLeft_ContainerIsNotRoutedAndCountsAsBadLabel()
    {
        // Act
        var result = Build(Containers.Routed(uuid: "c-1", stack: "shop").WithLabel(HostsLabel, "evil.com"));

        // Assert
        result.Table.Backends.Should().BeEmpty();
        result.Stacks.Single().Containers.Should().Be(new ContainerCounts(1, 0, 0, 0, 0, 0, 1));
    }

    [Fact]
    public void Build_StackWithoutRoutableContainer_IsKnownWithItsHostsAndReasons()
    {
        // Arrange: one of each reason.
        var containers = new[]
        {
            With(Containers.Routed(uuid: "c-1", stack: "shop"), state: "starting"),
            With(Containers.Routed(uuid: "c-2", stack: "shop"), state: "stopped"),
            With(Containers.Routed(uuid: "c-3", stack: "shop"), health: "unhealthy"),
            With(Containers.Routed(uuid: "c-4", stack: "shop"), health: "initializing"),
            With(Containers.Routed(uuid: "c-5", stack: "shop"), ip: null),
            Containers.Routed(uuid: "c-6", stack: "shop", port: "http"),
        };

        // Act
        var result = Build(containers);

        // Assert
        result.Table.Backends.Should().BeEmpty();
        var stack = result.Stacks.Single();
        stack.Ready.Should().BeFalse();
        stack.Containers.Should().Be(new ContainerCounts(Total: 6, Ready: 0, Starting: 2, Stopped: 1, Unhealthy: 1, NoIp: 1, BadLabel: 1));
        stack.Hosts.Should().Equal(new HostStatus("shop.example.com", stack.Containers));
        result.HostOwners.Should().Equal(new Dictionary<string, string> { ["shop.example.com"] = "shop" });
    }

    [Fact]
    public void Build_HostStatus_CountsOnlyTheContainersThatServeIt()
    {
        // Arrange: web runs, api is starting.
        var containers = new[]
        {
            Containers.Routed(uuid: "c-1", stack: "app", service: "web"),
            With(Containers.Routed(uuid: "c-2", stack: "app", service: "api"), state: "starting").WithLabel(HostsLabel, "api-{stack}"),
        };

        // Act
        var stack = Build(containers).Stacks.Single();

        // Assert
        stack.Hosts.Select(host => (host.Host, host.Ready)).Should().Equal(("app.example.com", true), ("api-app.example.com", false));
        stack.Ready.Should().BeFalse("one of its hosts has no routable container");
        stack.Containers.Should().Be(new ContainerCounts(2, 1, 1, 0, 0, 0, 0));
    }

    [Fact]
    public void Build_IndexLabels_TakesEachFromTheFirstContainerInUuidOrderThatCarriesIt()
    {
        // Arrange
        var options = Containers.Options with { IndexLabels = ["git.branch", "git.commit", "absent"] };
        var containers = new[]
        {
            Containers.Routed(uuid: "c-2", stack: "shop").WithLabel("git.branch", "second").WithLabel("git.commit", "abc"),
            Containers.Routed(uuid: "c-1", stack: "shop").WithLabel("git.branch", "<first>"),
        };

        // Act
        var stack = RoutingTableBuilder.Build(containers, ServiceMetadata.Empty, options).Stacks.Single();

        // Assert
        stack.Labels.Should().Equal(
            new KeyValuePair<string, string>("git.branch", "<first>"),
            new KeyValuePair<string, string>("git.commit", "abc"));
    }

    private static ContainerDto With(ContainerDto container, string? state = "running", string? health = "healthy", string? ip = "10.42.0.1")
    {
        container.State = state;
        container.HealthState = health;
        container.PrimaryIp = ip;
        return container;
    }
}

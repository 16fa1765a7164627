using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Routing;

/// <summary>
/// Which containers are routed. Every skipped container sits next to a good one that must still be
/// routed; hosts and aliases are in the .Hosts partial, notices and stable output in .Stability.
/// </summary>
public sealed partial class RoutingTableBuilderTests
{
    private const string Bad = "c-bad";
    private const string Good = "c-good";

    [Fact]
    public void Build_RoutedContainer_MakesOneBackendWithHostAndServer()
    {
        // Arrange
        var container = Containers.Routed(uuid: "c-1", stack: "shop", ip: "10.42.0.7", port: "8080", service: "web");

        // Act
        var result = Build(container);

        // Assert
        result.Notices.Should().BeEmpty();
        var backend = result.Table.Backends.Should().ContainSingle().Subject;
        backend.Name.Should().Be("stack_shop");
        backend.Stack.Should().Be("shop");
        backend.Hosts.Should().Equal("shop.example.com");
        backend.Servers.Should().Equal(new BackendServer("web_c-1", "c-1", "10.42.0.7", 8080, null));
    }

    [Fact]
    public void Build_NoPortLabel_SkipsWithoutNotice()
    {
        // Arrange
        var unlabelled = Containers.Routed(uuid: Bad);
        unlabelled.Labels!.Remove(Containers.PortLabel);
        var noLabels = Containers.Routed(uuid: "c-nolabels");
        noLabels.Labels = null;

        // Act
        var result = Build(unlabelled, noLabels, Containers.Routed(uuid: Good));

        // Assert
        RoutedUuids(result).Should().Equal(Good);
        result.Notices.Should().BeEmpty("containers without the label are simply not for this balancer");
    }

    [Theory]
    [InlineData("80a")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData(" 80")]
    [InlineData("80\n")]
    [InlineData("+80")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("80 backup")]
    public void Build_PortLabelNotAPort_SkipsWithWarning(string? label)
    {
        // Arrange
        var bad = Containers.Routed(uuid: Bad).WithLabel(Containers.PortLabel, label);

        // Act
        var result = Build(bad, Containers.Routed(uuid: Good));

        // Assert
        RoutedUuids(result).Should().Equal(Good);
        ShouldHaveOneNotice(result, isWarning: true, "label map-public-http");
    }

    [Theory]
    [InlineData("running")]
    [InlineData("updating-running")]
    public void Build_RunningState_IsRouted(string state)
    {
        // Arrange
        var container = Containers.Routed(uuid: Good);
        container.State = state;

        // Act / Assert
        RoutedUuids(Build(container)).Should().Equal(Good);
    }

    [Theory]
    [InlineData("stopped")]
    [InlineData("starting")]
    [InlineData("creating")]
    [InlineData("stopping")]
    [InlineData("restarting")]
    [InlineData("updating-stopped")]
    [InlineData("Running")]
    [InlineData(null)]
    public void Build_NotRunning_SkipsWithOrdinaryNotice(string? state)
    {
        // Arrange
        var bad = Containers.Routed(uuid: Bad);
        bad.State = state;

        // Act
        var result = Build(bad, Containers.Routed(uuid: Good));

        // Assert
        RoutedUuids(result).Should().Equal(Good);
        ShouldHaveOneNotice(result, isWarning: false, "state");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Build_NoPrimaryIp_SkipsWithOrdinaryNotice(string? ip)
    {
        // Arrange
        var bad = Containers.Routed(uuid: Bad);
        bad.PrimaryIp = ip;

        // Act
        var result = Build(bad, Containers.Routed(uuid: Good));

        // Assert
        RoutedUuids(result).Should().Equal(Good);
        ShouldHaveOneNotice(result, isWarning: false, "primary_ip");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("10.0.0.1 backup")]
    [InlineData("999.1.1.1")]
    [InlineData("10.0.0.1\n")]
    [InlineData("fe80::1%eth0")]
    [InlineData("web.internal")]
    public void Build_PrimaryIpNotAnAddress_SkipsWithWarning(string ip)
    {
        // Arrange
        var bad = Containers.Routed(uuid: Bad);
        bad.PrimaryIp = ip;

        // Act
        var result = Build(bad, Containers.Routed(uuid: Good));

        // Assert
        RoutedUuids(result).Should().Equal(Good);
        ShouldHaveOneNotice(result, isWarning: true, "primary_ip");
    }

    [Fact]
    public void Build_Ipv6PrimaryIp_IsRoutedInBrackets()
    {
        // Arrange
        var container = Containers.Routed(ip: "fd00::42");

        // Act
        var server = Build(container).Table.Backends.Single().Servers.Single();

        // Assert
        server.Address.Should().Be("[fd00::42]");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("-x")]
    [InlineData("x\n")]
    [InlineData("%[")]
    [InlineData("a_b")]
    [InlineData("a.b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Build_StackNameNotADnsLabel_SkipsWithWarning(string? stack)
    {
        // Arrange
        var bad = Containers.Routed(uuid: Bad);
        bad.StackName = stack;

        // Act
        var result = Build(bad, Containers.Routed(uuid: Good));

        // Assert
        RoutedUuids(result).Should().Equal(Good);
        ShouldHaveOneNotice(result, isWarning: true, "stack_name");
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("healthy", true)]
    [InlineData("updating-healthy", true)]
    [InlineData("unhealthy", false)]
    [InlineData("initializing", false)]
    [InlineData("reinitializing", false)]
    [InlineData("updating-unhealthy", false)]
    public void Build_HealthFilterOn_RoutesOnlyHealthyOrUnchecked(string? health, bool routed)
    {
        // Arrange
        var container = Containers.Routed(uuid: Bad);
        container.HealthState = health;

        // Act
        var result = Build(container, Containers.Routed(uuid: Good));

        // Assert
        RoutedUuids(result).Should().Equal(routed ? [Bad, Good] : [Good]);
        if (!routed)
        {
            ShouldHaveOneNotice(result, isWarning: false, "health_state");
        }
    }

    [Theory]
    [InlineData("unhealthy")]
    [InlineData("initializing")]
    public void Build_HealthFilterOff_RoutesWhateverTheHealth(string health)
    {
        // Arrange
        var container = Containers.Routed(uuid: Good);
        container.HealthState = health;

        // Act
        var result = RoutingTableBuilder.Build([container], ServiceMetadata.Empty, Containers.Options with { HealthFilter = false });

        // Assert
        RoutedUuids(result).Should().Equal(Good);
        result.Notices.Should().BeEmpty();
    }

    private static RoutingResult Build(params ContainerDto[] containers) =>
        RoutingTableBuilder.Build(containers, ServiceMetadata.Empty, Containers.Options);

    private static List<string> RoutedUuids(RoutingResult result) =>
        result.Table.Backends.SelectMany(backend => backend.Servers).Select(server => server.ContainerUuid).Order(StringComparer.Ordinal).ToList();

    private static void ShouldHaveOneNotice(RoutingResult result, bool isWarning, string field, string uuid = Bad)
    {
        var notice = result.Notices.Should().ContainSingle().Subject;
        notice.IsWarning.Should().Be(isWarning);
        notice.Subject.Should().Be($"container={uuid}");
        notice.Field.Should().Be(field);
        notice.Reason.Should().NotContainAny("\n", "\r");
    }
}

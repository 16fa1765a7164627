using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Rendering;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Routing;

/// <summary>Proxy label, uuids and server names, and output that does not depend on input order.</summary>
public sealed partial class RoutingTableBuilderTests
{
    [Fact]
    public void Build_UuidsSharingOrNotTheirFirstCharacters_NoticesComeInOrdinalUuidOrder()
    {
        // Arrange: prefixes of each other, differences before and after the fourth character, case.
        string[] uuids = ["c-1000", "c-100", "c-10", "c-1", "c-1-", "c-2", "c", "C-1", "c-10a", "c-1a", "d", "b-99999", "c-\u00e91"];
        var containers = uuids.Select(uuid => Containers.Routed(uuid: uuid, port: "x")).ToArray();
        new Random(16).Shuffle(containers);

        // Act
        var result = Build(containers);

        // Assert
        result.Notices.Select(notice => notice.Subject).Should().Equal(uuids.Order(StringComparer.Ordinal).Select(uuid => $"container={uuid}"));
    }

    [Theory]
    [InlineData("send-proxy")]
    [InlineData("send-proxy-v2")]
    [InlineData("send-proxy-v2-ssl")]
    [InlineData("send-proxy-v2-ssl-cn")]
    public void Build_ProxyLabelKeyword_IsUsed(string keyword)
    {
        // Arrange
        var container = Containers.Routed().WithLabel(Containers.ProxyLabel, keyword);

        // Act
        var result = Build(container);

        // Assert
        result.Notices.Should().BeEmpty();
        result.Table.Backends.Single().Servers.Single().ProxyProtocol.Should().Be(keyword);
    }

    [Theory]
    [InlineData("send-proxy check")]
    [InlineData("backup")]
    [InlineData("send-proxy\n")]
    [InlineData("SEND-PROXY")]
    [InlineData("send-proxy # x")]
    public void Build_ProxyLabelWithOtherKeywords_IgnoresItWithWarningAndStillRoutes(string keyword)
    {
        // Arrange
        var container = Containers.Routed(uuid: Bad).WithLabel(Containers.ProxyLabel, keyword);

        // Act
        var result = Build(container);

        // Assert
        result.Table.Backends.Single().Servers.Single().ProxyProtocol.Should().BeNull();
        ShouldHaveOneNotice(result, isWarning: true, "label send-proxy");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("x\n")]
    [InlineData("x%[src]")]
    [InlineData("#x")]
    [InlineData("x\"y")]
    [InlineData("x\\y")]
    [InlineData("-x")]
    public void Build_HostileUuid_SkipsWithWarningWithoutControlCharacters(string? uuid)
    {
        // Arrange
        var bad = Containers.Routed(uuid: uuid ?? "unused");
        bad.Uuid = uuid;

        // Act
        var result = Build(bad, Containers.Routed(uuid: Good));

        // Assert
        RoutedUuids(result).Should().Equal(Good);
        var notice = result.Notices.Should().ContainSingle().Subject;
        (notice.IsWarning, notice.Field).Should().Be((true, "uuid"));
        notice.Subject.Should().StartWith("container=").And.NotContainAny("\n", "\r");
    }

    [Fact]
    public void Build_OverlongUuid_IsSkipped()
    {
        // Arrange
        var bad = Containers.Routed(uuid: new string('a', 129));

        // Act / Assert
        Build(bad).Table.Backends.Should().BeEmpty();
    }

    [Fact]
    public void Build_DuplicateUuid_RoutesOnceWithWarning()
    {
        // Arrange
        var first = Containers.Routed(uuid: "c-1");
        var second = Containers.Routed(uuid: "c-1");

        // Act
        var result = Build(first, second);

        // Assert
        result.Table.ServerCount.Should().Be(1);
        ShouldHaveOneNotice(result, isWarning: true, "uuid", uuid: "c-1");
    }

    [Theory]
    [InlineData("web", "web_c-1")]
    [InlineData("my web#1", "my-web-1_c-1")]
    [InlineData("a%[b]\"\\", "a--b---_c-1")]
    [InlineData("", "container_c-1")]
    public void Build_ServiceName_IsSanitisedIntoTheServerName(string service, string expected)
    {
        // Arrange
        var container = Containers.Routed(uuid: "c-1", service: service);

        // Act / Assert
        Build(container).Table.Backends.Single().Servers.Single().Name.Should().Be(expected);
    }

    [Fact]
    public void Build_NoServiceName_ServerIsNamedContainer()
    {
        // Arrange
        var container = Containers.Routed(uuid: "c-1");
        container.ServiceName = null;

        // Act / Assert
        Build(container).Table.Backends.Single().Servers.Single().Name.Should().Be("container_c-1");
    }

    [Fact]
    public void Build_ServiceAndUuidJoiningToTheSameName_GetDistinctServerNames()
    {
        // Arrange: "a_b" + "c" and "a" + "b_c" would both read a_b_c, which haproxy -c refuses.
        var containers = new[] { Containers.Routed(uuid: "c", service: "a_b"), Containers.Routed(uuid: "b_c", service: "a") };

        // Act
        var servers = Build(containers).Table.Backends.Single().Servers;

        // Assert
        servers.Should().HaveCount(2);
        servers.Select(server => server.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Build_SameContainersInAnyOrder_RendersTheSameBytes()
    {
        // Arrange: a mix of routed, skipped, case-colliding and duplicated containers.
        var containers = MixedContainers();
        var expected = RenderedConfig.From(Build([.. containers]).Table);
        var random = new Random(1234);

        for (var round = 0; round < 50; round++)
        {
            // Act
            var shuffled = containers.ToArray();
            random.Shuffle(shuffled);
            var rendered = RenderedConfig.From(Build(shuffled).Table);

            // Assert
            rendered.Should().Be(expected, $"round {round} only changed the order of the containers");
        }
    }

    private static List<ContainerDto> MixedContainers()
    {
        var stopped = Containers.Routed(uuid: "c-stopped", stack: "shop");
        stopped.State = "stopped";
        return
        [
            Containers.Routed(uuid: "c-1", stack: "shop", ip: "10.42.0.1"),
            Containers.Routed(uuid: "c-2", stack: "shop", ip: "10.42.0.2"),
            Containers.Routed(uuid: "c-3", stack: "Shop", ip: "10.42.0.3"),
            Containers.Routed(uuid: "c-4", stack: "blog", ip: "10.42.0.4", service: "api"),
            Containers.Routed(uuid: "c-5", stack: "blog", ip: "10.42.0.5", port: "bad"),
            Containers.Routed(uuid: "c-dup", stack: "blog", ip: "10.42.0.6"),
            Containers.Routed(uuid: "c-dup", stack: "blog", ip: "10.42.0.7"),
            Containers.Routed(uuid: "c-dup", stack: "shop", ip: "10.42.0.8").WithLabel(Containers.ProxyLabel, "send-proxy"),
            stopped,
        ];
    }
}

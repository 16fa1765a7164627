using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Tests.RuntimeApi;

/// <summary>The Runtime API command lines and how answers are read.</summary>
public sealed class RuntimeCommandsTests
{
    private const string MapPath = "/run/haproxy/domain.map";
    private static readonly BackendServer Web = new("web_c1", "c1", "10.0.0.7", 8080, null);

    [Theory]
    [InlineData(nameof(RuntimeOperationKind.AddServer), "add server spare_000/web_c1 10.0.0.7:8080")]
    [InlineData(nameof(RuntimeOperationKind.EnableServer), "enable server spare_000/web_c1")]
    [InlineData(nameof(RuntimeOperationKind.SetServerAddress), "set server spare_000/web_c1 addr 10.0.0.7 port 8080")]
    [InlineData(nameof(RuntimeOperationKind.ReadyServer), "set server spare_000/web_c1 state ready")]
    [InlineData(nameof(RuntimeOperationKind.DrainServer), "set server spare_000/web_c1 state drain")]
    public void Render_ServerOperation_NamesBackendSlashServer(string kind, string expected) =>
        RuntimeCommands.Render(new RuntimeOperation(Enum.Parse<RuntimeOperationKind>(kind), "spare_000", Web), MapPath).Should().Be(expected);

    [Fact]
    public void Render_AddServerWithProxyProtocol_AppendsKeyword() =>
        RuntimeCommands.Render(RuntimeOperation.AddServer("b", Web with { ProxyProtocol = "send-proxy-v2" }), MapPath)
            .Should().Be("add server b/web_c1 10.0.0.7:8080 send-proxy-v2");

    [Fact]
    public void Render_SetAddressOfIpv6Server_DropsBrackets() =>
        RuntimeCommands.Render(RuntimeOperation.SetServerAddress("b", Web with { Address = "[fd00::7]" }), MapPath)
            .Should().Be("set server b/web_c1 addr fd00::7 port 8080");

    [Fact]
    public void Render_AddServerIpv6_KeepsBracketsBeforePort() =>
        RuntimeCommands.Render(RuntimeOperation.AddServer("b", Web with { Address = "[fd00::7]" }), MapPath)
            .Should().Be("add server b/web_c1 [fd00::7]:8080");

    [Fact]
    public void Render_AuthOperations_AddressTheAuthMapWithHostAndRealm()
    {
        // Arrange
        const string authMap = "/run/haproxy/auth.map";

        // Act / Assert
        RuntimeCommands.Render(RuntimeOperation.AddAuth("a.example.test", "alpha"), MapPath, authMapPath: authMap)
            .Should().Be("add map /run/haproxy/auth.map a.example.test alpha");
        RuntimeCommands.Render(RuntimeOperation.SetAuth("a.example.test", "beta"), MapPath, authMapPath: authMap)
            .Should().Be("set map /run/haproxy/auth.map a.example.test beta");
        RuntimeCommands.Render(RuntimeOperation.DeleteAuth("a.example.test"), MapPath, authMapPath: authMap)
            .Should().Be("del map /run/haproxy/auth.map a.example.test");
    }

    [Theory]
    [InlineData(nameof(RuntimeOperationKind.AddHost), "add map /run/haproxy/domain.map www.example.test stack_a")]
    [InlineData(nameof(RuntimeOperationKind.SetHost), "set map /run/haproxy/domain.map www.example.test stack_a")]
    public void Render_MapOperation_NamesMapHostAndBackend(string kind, string expected) =>
        RuntimeCommands.Render(new RuntimeOperation(Enum.Parse<RuntimeOperationKind>(kind), "stack_a", Host: "www.example.test"), MapPath).Should().Be(expected);

    [Fact]
    public void Render_NameBackend_SetsTheSparesStackInTheStackMap() =>
        RuntimeCommands.Render(RuntimeOperation.NameBackend("spare_003", "app-r123"), MapPath, "/run/haproxy/stacks.map")
            .Should().Be("set map /run/haproxy/stacks.map spare_003 app-r123");

    [Fact]
    public void Render_DeleteHost_NamesMapAndHost() =>
        RuntimeCommands.Render(RuntimeOperation.DeleteHost("www.example.test"), MapPath).Should().Be("del map /run/haproxy/domain.map www.example.test");

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("New server registered.\n")]
    [InlineData("Server deleted.\n")]
    public void IsFailure_SuccessAnswer_False(string answer) => RuntimeCommands.IsFailure(answer).Should().BeFalse();

    [Theory]
    [InlineData("No such backend.\n")]
    [InlineData("Unknown command. Please enter one of the following commands only :\n")]
    [InlineData("Already exists a server with the same name in backend.\n")]
    [InlineData("Server still has connections attached to it, cannot remove it.\n")]
    [InlineData("Permission denied\n")]
    [InlineData("Unable to allocate map entry.\n")]
    public void IsFailure_ErrorAnswer_True(string answer) => RuntimeCommands.IsFailure(answer).Should().BeTrue();

    [Theory]
    [InlineData("/etc/haproxy/domain.map", true)]
    [InlineData("/tmp/with space/domain.map", false)]
    [InlineData("/tmp/a;b.map", false)]
    public void CanAddress_MapPath_OnlyWithoutSeparators(string path, bool expected) => RuntimeCommands.CanAddress(path).Should().Be(expected);

    [Fact]
    public void WaitUntilRemovable_Server_WaitsWithinTheBudget() =>
        RuntimeCommands.WaitUntilRemovable("spare_000/web_c1").Should().Be("wait 1000 srv-removable spare_000/web_c1");

    [Theory]
    [InlineData("Done.\n", true)]
    [InlineData("Failed. Only servers in maintenance mode can be deleted.\n", false)]
    [InlineData("Wait delay expired. Server still has connections attached to it, cannot remove it.\n", false)]
    [InlineData("Interrupted.\n", false)]
    [InlineData("Failed.\n", false)]
    public void IsDone_WaitAnswer_OnlyWhenTheConditionCameTrue(string answer, bool expected) =>
        RuntimeCommands.IsDone(answer).Should().Be(expected);
}

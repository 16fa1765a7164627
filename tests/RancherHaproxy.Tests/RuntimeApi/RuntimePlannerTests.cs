using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Tests.RuntimeApi;

/// <summary>
/// The planner's diff from what runs to what is wanted: which changes go through the Runtime API,
/// in which order, and which ones only a reload can make (null).
/// </summary>
public sealed partial class RuntimePlannerTests
{
    private static readonly IReadOnlyList<string> TwoSpares = BackendNames.Spares(2);

    [Fact]
    public void Plan_NothingChanged_NoOperations()
    {
        // Arrange
        var table = Table(Stack("alpha", Server("web_a1", "10.0.0.1")));
        var live = LiveState.FromTable(table, TwoSpares);

        // Act
        var plan = RuntimePlanner.Plan(live, table);

        // Assert
        plan.Should().NotBeNull();
        plan!.Operations.Should().BeEmpty();
    }

    [Fact]
    public void Plan_ContainerAdded_AddsThenEnablesServer()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"))), TwoSpares);
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.1"), Server("web_a2", "10.0.0.2")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        Describe(plan).Should().Equal("AddServer stack_alpha/web_a2 10.0.0.2:80", "EnableServer stack_alpha/web_a2 10.0.0.2:80");
        plan!.Result.Servers["stack_alpha"].Keys.Should().BeEquivalentTo(["web_a1", "web_a2"]);
    }

    [Fact]
    public void Plan_ContainerRemoved_DrainsServerAndKeepsItUntilIdle()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"), Server("web_a2", "10.0.0.2"))), TwoSpares);
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.1")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        Describe(plan).Should().Equal("DrainServer stack_alpha/web_a2 10.0.0.2:80");
        plan!.Result.Servers["stack_alpha"]["web_a2"].Draining.Should().BeTrue("it is deleted only once its sessions ended");
        plan.Result.Servers["stack_alpha"]["web_a1"].Draining.Should().BeFalse();
    }

    [Fact]
    public void Plan_AlreadyDrainingServerStillUnwanted_NotDrainedAgain()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"), Server("web_a2", "10.0.0.2"))), TwoSpares);
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.1")));
        var drained = RuntimePlanner.Plan(live, wanted)!.Result;

        // Act
        var plan = RuntimePlanner.Plan(drained, wanted);

        // Assert
        Describe(plan).Should().BeEmpty();
    }

    [Fact]
    public void Plan_ContainerReaddressed_SetsAddressAndPort()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"))), TwoSpares);
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.9", port: 8080)));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        Describe(plan).Should().Equal("SetServerAddress stack_alpha/web_a1 10.0.0.9:8080");
        plan!.Result.Servers["stack_alpha"]["web_a1"].Server.Address.Should().Be("10.0.0.9");
    }

    [Fact]
    public void Plan_DrainedServerWantedAgain_SetsItReady()
    {
        // Arrange
        var both = Table(Stack("alpha", Server("web_a1", "10.0.0.1"), Server("web_a2", "10.0.0.2")));
        var drained = RuntimePlanner.Plan(LiveState.FromTable(both, TwoSpares), Table(Stack("alpha", Server("web_a1", "10.0.0.1"))))!.Result;

        // Act
        var plan = RuntimePlanner.Plan(drained, both);

        // Assert
        Describe(plan).Should().Equal("ReadyServer stack_alpha/web_a2 10.0.0.2:80");
        plan!.Result.Servers["stack_alpha"]["web_a2"].Draining.Should().BeFalse();
    }

    [Fact]
    public void Plan_DrainedServerBackOnNewAddress_ReaddressesThenSetsReady()
    {
        // Arrange
        var both = Table(Stack("alpha", Server("web_a1", "10.0.0.1"), Server("web_a2", "10.0.0.2")));
        var drained = RuntimePlanner.Plan(LiveState.FromTable(both, TwoSpares), Table(Stack("alpha", Server("web_a1", "10.0.0.1"))))!.Result;
        var moved = Table(Stack("alpha", Server("web_a1", "10.0.0.1"), Server("web_a2", "10.0.0.3")));

        // Act
        var plan = RuntimePlanner.Plan(drained, moved);

        // Assert
        Describe(plan).Should().Equal("SetServerAddress stack_alpha/web_a2 10.0.0.3:80", "ReadyServer stack_alpha/web_a2 10.0.0.3:80");
    }

    [Fact]
    public void Plan_ProxyProtocolChanged_NeedsReload()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"))), TwoSpares);
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.1", proxy: "send-proxy")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        plan.Should().BeNull("a server's options other than its address cannot change at run time");
    }

    [Fact]
    public void Plan_NewServerWithProxyProtocol_AddsItWithTheKeyword()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"))), TwoSpares);
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.1"), Server("web_a2", "10.0.0.2", proxy: "send-proxy-v2")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        plan.Should().NotBeNull();
        plan!.Operations[0].Server!.ProxyProtocol.Should().Be("send-proxy-v2");
    }

    [Fact]
    public void Plan_TooManyOperations_NeedsReload()
    {
        // Arrange: every added server costs two operations (add, enable).
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a0", "10.0.0.1"))), TwoSpares);
        var servers = Enumerable.Range(0, (RuntimePlanner.MaxOperations / 2) + 1).Select(index => Server($"web_n{index:D4}", "10.0.1.1")).ToArray();
        var wanted = Table(Stack("alpha", [Server("web_a0", "10.0.0.1"), .. servers]));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        plan.Should().BeNull($"{servers.Length * 2} operations exceed {RuntimePlanner.MaxOperations}");
    }

    [Fact]
    public void Plan_ExactlyMaxOperations_StaysAtRuntime()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a0", "10.0.0.1"))), TwoSpares);
        var servers = Enumerable.Range(0, RuntimePlanner.MaxOperations / 2).Select(index => Server($"web_n{index:D4}", "10.0.1.1")).ToArray();
        var wanted = Table(Stack("alpha", [Server("web_a0", "10.0.0.1"), .. servers]));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        plan.Should().NotBeNull();
        plan!.Operations.Should().HaveCount(RuntimePlanner.MaxOperations);
    }

    internal static StackBackend Stack(string stack, params BackendServer[] servers) =>
        new($"stack_{stack}", stack, [$"{stack}.example.test"], servers);

    internal static StackBackend Stack(string stack, IReadOnlyList<string> hosts, params BackendServer[] servers) =>
        new($"stack_{stack}", stack, hosts, servers);

    internal static BackendServer Server(string name, string address, int port = 80, string? proxy = null) =>
        new(name, $"uuid-{name}", address, port, proxy);

    internal static RoutingTable Table(params StackBackend[] backends) =>
        new([.. backends.OrderBy(backend => backend.Name, StringComparer.Ordinal)]);

    /// <summary>Each operation as "Kind backend/server address:port" or "Kind backend host", for readable assertions.</summary>
    internal static IReadOnlyList<string> Describe(RuntimePlan? plan)
    {
        plan.Should().NotBeNull("the change can be made at run time");
        return [.. plan!.Operations.Select(operation => operation.Server is null
            ? $"{operation.Kind} {operation.Backend} {operation.Host ?? operation.Stack}".Replace("  ", " ", StringComparison.Ordinal)
            : $"{operation.Kind} {operation.Backend}/{operation.Server.Name} {operation.Server.Address}:{operation.Server.Port}")];
    }
}

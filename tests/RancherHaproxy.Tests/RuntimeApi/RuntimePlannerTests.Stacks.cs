using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Tests.RuntimeApi;

/// <summary>New and removed stacks, spare backends, host map entries, and the order of operations.</summary>
public sealed partial class RuntimePlannerTests
{
    [Fact]
    public void Plan_NewStack_TakesFirstSpareAndMapsItsHost()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"))), TwoSpares);
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.1")), Stack("beta", Server("web_b1", "10.0.0.5")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        Describe(plan).Should().Equal(
            "NameBackend spare_000 beta",
            "AddServer spare_000/web_b1 10.0.0.5:80",
            "EnableServer spare_000/web_b1 10.0.0.5:80",
            "AddHost spare_000 beta.example.test");
        plan!.Result.ServedBy["stack_beta"].Should().Be("spare_000");
        plan.Result.Hosts["beta.example.test"].Should().Be("spare_000");
    }

    [Fact]
    public void Plan_NewStackWhoseBackendTheConfigDeclares_UsesItsOwnBackend()
    {
        // Arrange: beta ran before (its backend is in the running config), then left.
        var both = Table(Stack("alpha", Server("web_a1", "10.0.0.1")), Stack("beta", Server("web_b1", "10.0.0.5")));
        var alphaOnly = Table(Stack("alpha", Server("web_a1", "10.0.0.1")));
        var gone = RuntimePlanner.Plan(LiveState.FromTable(both, TwoSpares), alphaOnly)!.Result;
        gone.Servers["stack_beta"].Clear(); // the drained server was deleted once idle

        // Act
        var plan = RuntimePlanner.Plan(gone, both);

        // Assert
        Describe(plan).Should().Equal(
            "AddServer stack_beta/web_b1 10.0.0.5:80", "EnableServer stack_beta/web_b1 10.0.0.5:80", "AddHost stack_beta beta.example.test");
    }

    [Fact]
    public void Plan_SparesExhausted_NeedsReload()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"))), BackendNames.Spares(1));
        var wanted = Table(
            Stack("alpha", Server("web_a1", "10.0.0.1")), Stack("beta", Server("web_b1", "10.0.0.5")), Stack("gamma", Server("web_c1", "10.0.0.6")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        plan.Should().BeNull("two new stacks need two backends and only one spare is free");
    }

    [Fact]
    public void Plan_NoSpares_NewStackNeedsReload()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"))), []);
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.1")), Stack("beta", Server("web_b1", "10.0.0.5")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        plan.Should().BeNull();
    }

    [Fact]
    public void Plan_SpareWithDrainingServers_IsNotReused()
    {
        // Arrange: beta took spare_000 and left; its server is still draining there.
        var alpha = Stack("alpha", Server("web_a1", "10.0.0.1"));
        var withBeta = RuntimePlanner.Plan(LiveState.FromTable(Table(alpha), TwoSpares), Table(alpha, Stack("beta", Server("web_b1", "10.0.0.5"))))!.Result;
        var betaGone = RuntimePlanner.Plan(withBeta, Table(alpha))!.Result;

        // Act
        var plan = RuntimePlanner.Plan(betaGone, Table(alpha, Stack("gamma", Server("web_c1", "10.0.0.6"))));

        // Assert
        Describe(plan).Should().Contain("AddHost spare_001 gamma.example.test");
        plan!.Result.ServedBy["stack_gamma"].Should().Be("spare_001");
    }

    [Fact]
    public void Plan_StackRemoved_DrainsItsServersAndDeletesItsHosts()
    {
        // Arrange
        var alpha = Stack("alpha", Server("web_a1", "10.0.0.1"));
        var live = LiveState.FromTable(Table(alpha, Stack("beta", Server("web_b1", "10.0.0.5"))), TwoSpares);

        // Act
        var plan = RuntimePlanner.Plan(live, Table(alpha));

        // Assert
        Describe(plan).Should().Equal("DeleteHost beta.example.test", "DrainServer stack_beta/web_b1 10.0.0.5:80");
        plan!.Result.ServedBy.Should().NotContainKey("stack_beta");
        plan.Result.Hosts.Should().NotContainKey("beta.example.test");
    }

    [Fact]
    public void Plan_AliasAdded_AddsMapEntry()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", ["alpha.example.test"], Server("web_a1", "10.0.0.1"))), TwoSpares);
        var wanted = Table(Stack("alpha", ["alpha.example.test", "www.example.test"], Server("web_a1", "10.0.0.1")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        Describe(plan).Should().Equal("AddHost stack_alpha www.example.test");
    }

    [Fact]
    public void Plan_AliasRemoved_DeletesMapEntry()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", ["alpha.example.test", "www.example.test"], Server("web_a1", "10.0.0.1"))), TwoSpares);
        var wanted = Table(Stack("alpha", ["alpha.example.test"], Server("web_a1", "10.0.0.1")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        Describe(plan).Should().Equal("DeleteHost www.example.test");
    }

    [Fact]
    public void Plan_AliasMovedToAnotherStack_SetsMapEntry()
    {
        // Arrange
        var live = LiveState.FromTable(Table(
            Stack("alpha", ["alpha.example.test", "www.example.test"], Server("web_a1", "10.0.0.1")),
            Stack("beta", ["beta.example.test"], Server("web_b1", "10.0.0.5"))), TwoSpares);
        var wanted = Table(
            Stack("alpha", ["alpha.example.test"], Server("web_a1", "10.0.0.1")),
            Stack("beta", ["beta.example.test", "www.example.test"], Server("web_b1", "10.0.0.5")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        Describe(plan).Should().Equal("SetHost stack_beta www.example.test");
    }

    [Fact]
    public void Plan_MixedChange_AddsServersThenChangesMapThenDrains()
    {
        // Arrange: alpha loses a1 and gains a2; beta is new; gamma leaves.
        var live = LiveState.FromTable(Table(
            Stack("alpha", Server("web_a1", "10.0.0.1")), Stack("gamma", Server("web_c1", "10.0.0.6"))), TwoSpares);
        var wanted = Table(Stack("alpha", Server("web_a2", "10.0.0.2")), Stack("beta", Server("web_b1", "10.0.0.5")));

        // Act
        var kinds = RuntimePlanner.Plan(live, wanted)!.Operations.Select(operation => operation.Kind).ToList();

        // Assert: a host never points at a backend without servers, and nothing drains before its replacement serves.
        kinds.Should().Equal(
            RuntimeOperationKind.AddServer, RuntimeOperationKind.EnableServer,
            RuntimeOperationKind.NameBackend, RuntimeOperationKind.AddServer, RuntimeOperationKind.EnableServer,
            RuntimeOperationKind.AddHost, RuntimeOperationKind.DeleteHost,
            RuntimeOperationKind.DrainServer, RuntimeOperationKind.DrainServer);
    }

    [Fact]
    public void Plan_AnyChange_LeavesTheLiveStateUntouched()
    {
        // Arrange
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"))), TwoSpares);

        // Act
        RuntimePlanner.Plan(live, Table(Stack("beta", Server("web_b1", "10.0.0.5"))));

        // Assert: the executor may refuse the plan; then the old state must still describe the worker.
        live.Servers["stack_alpha"]["web_a1"].Draining.Should().BeFalse();
        live.ServedBy.Should().ContainKey("stack_alpha").And.NotContainKey("stack_beta");
        live.Servers.Should().NotContainKey("spare_000");
    }

    [Fact]
    public void Plan_ServersAddedAndMovedInAStack_LeavesTheLiveStacksServersUntouched()
    {
        // Arrange: the plan copies a backend's servers only once it changes one of them.
        var live = LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1")), Stack("gamma", Server("web_g1", "10.0.0.9"))), TwoSpares);
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.7"), Server("web_a2", "10.0.0.2")), Stack("gamma", Server("web_g1", "10.0.0.9")));

        // Act
        var plan = RuntimePlanner.Plan(live, wanted);

        // Assert
        plan!.Result.Servers["stack_alpha"].Keys.Should().BeEquivalentTo(["web_a1", "web_a2"]);
        plan.Result.Servers["stack_alpha"]["web_a1"].Server.Address.Should().Be("10.0.0.7");
        live.Servers["stack_alpha"].Keys.Should().Equal("web_a1");
        live.Servers["stack_alpha"]["web_a1"].Server.Address.Should().Be("10.0.0.1");
        plan.Result.Servers["stack_gamma"].Should().BeSameAs(live.Servers["stack_gamma"], "an unchanged backend is shared, not copied");
    }

    [Fact]
    public void Plan_StackAlreadyOnASpare_IsNotNamedAgain()
    {
        // Arrange: beta took spare_000 earlier; now it gains a server.
        var first = RuntimePlanner.Plan(
            LiveState.FromTable(Table(Stack("alpha", Server("web_a1", "10.0.0.1"))), TwoSpares),
            Table(Stack("alpha", Server("web_a1", "10.0.0.1")), Stack("beta", Server("web_b1", "10.0.0.5"))))!;
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.1")), Stack("beta", Server("web_b1", "10.0.0.5"), Server("web_b2", "10.0.0.7")));

        // Act
        var plan = RuntimePlanner.Plan(first.Result, wanted);

        // Assert
        Describe(plan).Should().Equal("AddServer spare_000/web_b2 10.0.0.7:80", "EnableServer spare_000/web_b2 10.0.0.7:80");
    }
}

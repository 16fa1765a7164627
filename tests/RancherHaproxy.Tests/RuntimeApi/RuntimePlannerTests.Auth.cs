using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Tests.RuntimeApi;

/// <summary>Protection changes: the auth map follows the table at run time, protection before routes, removal of protection last.</summary>
public sealed partial class RuntimePlannerTests
{
    [Fact]
    public void Plan_StackBecomesProtected_AddsAuthEntryOnly()
    {
        // Arrange
        var table = Table(Stack("alpha", Server("web_a1", "10.0.0.1")));
        var live = LiveState.FromTable(table, TwoSpares);

        // Act
        var plan = RuntimePlanner.Plan(live, table with { AuthHosts = [new("alpha.example.test", "alpha")] });

        // Assert
        Describe(plan).Should().Equal("AddAuth alpha.example.test");
        plan!.Operations[0].Stack.Should().Be("alpha", "the realm is the stack's name");
        plan.Result.AuthHosts.Should().Equal(new Dictionary<string, string> { ["alpha.example.test"] = "alpha" });
    }

    [Fact]
    public void Plan_StackNoLongerProtected_DeletesAuthEntry()
    {
        // Arrange
        var table = Table(Stack("alpha", Server("web_a1", "10.0.0.1")));
        var live = LiveState.FromTable(table with { AuthHosts = [new("alpha.example.test", "alpha")] }, TwoSpares);

        // Act
        var plan = RuntimePlanner.Plan(live, table);

        // Assert
        Describe(plan).Should().Equal("DeleteAuth alpha.example.test");
        plan!.Result.AuthHosts.Should().BeEmpty();
    }

    [Fact]
    public void Plan_ProtectedHostMovesToAnotherStack_SetsRealm()
    {
        // Arrange
        var before = Table(Stack("alpha", ["www.example.test"], Server("web_a1", "10.0.0.1"))) with { AuthHosts = [new("www.example.test", "alpha")] };
        var after = Table(Stack("alpha", ["www.example.test"], Server("web_a1", "10.0.0.1"))) with { AuthHosts = [new("www.example.test", "beta")] };

        // Act
        var plan = RuntimePlanner.Plan(LiveState.FromTable(before, TwoSpares), after);

        // Assert
        Describe(plan).Should().Equal("SetAuth www.example.test");
        plan!.Operations[0].Stack.Should().Be("beta");
    }

    [Fact]
    public void Plan_NewProtectedStack_ProtectsBeforeItRoutes()
    {
        // Arrange
        var live = LiveState.FromTable(RoutingTable.Empty, TwoSpares);
        var wanted = Table(Stack("alpha", Server("web_a1", "10.0.0.1"))) with { AuthHosts = [new("alpha.example.test", "alpha")] };

        // Act
        var operations = Describe(RuntimePlanner.Plan(live, wanted));

        // Assert
        operations[0].Should().Be("AddAuth alpha.example.test", "the host must never answer unprotected, even for one request");
        operations.Should().Contain("AddHost spare_000 alpha.example.test");
    }

    [Fact]
    public void Plan_ProtectedStackRemoved_UnprotectsAfterTheHostIsGone()
    {
        // Arrange
        var running = Table(Stack("alpha", Server("web_a1", "10.0.0.1"))) with { AuthHosts = [new("alpha.example.test", "alpha")] };

        // Act
        var operations = Describe(RuntimePlanner.Plan(LiveState.FromTable(running, TwoSpares), RoutingTable.Empty));

        // Assert
        operations[^1].Should().Be("DeleteAuth alpha.example.test");
        operations.Should().Contain("DeleteHost alpha.example.test");
    }

    [Fact]
    public void AuthPlanner_SameProtection_NoOperations()
    {
        // Act
        var (protect, unprotect) = AuthPlanner.Plan(
            new Dictionary<string, string> { ["a.example.test"] = "a" }, [new("a.example.test", "a")]);

        // Assert
        protect.Should().BeEmpty();
        unprotect.Should().BeEmpty();
    }
}

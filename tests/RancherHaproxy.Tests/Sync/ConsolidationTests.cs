using RancherHaproxy.Discovery;
using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;
using RancherHaproxy.Sync;
using RancherHaproxy.Tests.TestSupport;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Sync;

/// <summary>When CONSOLIDATE_AFTER gives stacks on spares their own backends: every case of the decision.</summary>
public sealed class ConsolidationTests
{
    private static readonly TimeSpan After = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(11, 10, 1)]
    [InlineData(10, 10, 1)]
    [InlineData(9, 10, 0)]
    [InlineData(60, 0, 0)]
    public void SparesToFree_QuietLongEnoughWithAStackOnASpare_CountsIt(int quietMinutes, int afterMinutes, int expected) =>
        Consolidation.SparesToFree(OnSpare(), TimeSpan.FromMinutes(quietMinutes), TimeSpan.FromMinutes(afterMinutes)).Should().Be(expected);

    [Fact]
    public void SparesToFree_EveryStackOnItsOwnBackend_Nothing()
    {
        // Arrange
        var table = Table();
        var state = Settled(table) with { Live = LiveState.FromTable(table, BackendNames.Spares(2)) };

        // Act / Assert
        Consolidation.SparesToFree(state, TimeSpan.FromHours(1), After).Should().Be(0);
    }

    [Fact]
    public void SparesToFree_ReloadPendingRefusedOrUnknown_Nothing()
    {
        // Arrange
        var state = OnSpare();

        // Act / Assert: the files do not agree with what runs, or nothing is known of it.
        Consolidation.SparesToFree(state with { ReloadPending = true }, TimeSpan.FromHours(1), After).Should().Be(0);
        Consolidation.SparesToFree(state with { Rejected = new RejectedConfig(state.Applied!, "stamp") }, TimeSpan.FromHours(1), After).Should().Be(0);
        Consolidation.SparesToFree(state with { Settled = null }, TimeSpan.FromHours(1), After).Should().Be(0);
        Consolidation.SparesToFree(state with { Live = null }, TimeSpan.FromHours(1), After).Should().Be(0);
        Consolidation.SparesToFree(state with { AppliedTable = null }, TimeSpan.FromHours(1), After).Should().Be(0);
    }

    /// <summary>beta was added at run time: spare_000 serves it.</summary>
    private static SyncState OnSpare()
    {
        var before = Table("alpha");
        var after = Table("alpha", "beta");
        var plan = RuntimePlanner.Plan(LiveState.FromTable(before, BackendNames.Spares(2)), after)!;
        return Settled(after) with { Live = plan.Result };
    }

    private static SyncState Settled(RoutingTable table) => SyncState.Initial with
    {
        Applied = RenderedConfig.From(table),
        Settled = new Settled(default, CertificatePlan.Disabled, []),
        AppliedTable = table,
    };

    private static RoutingTable Table(params string[] stacks) => RoutingTableBuilder.Build(
        stacks.Select((stack, index) => Containers.Routed(uuid: $"c-{index}", stack: stack, ip: $"10.42.0.{index + 1}")).ToList(),
        ServiceMetadata.Empty,
        Containers.Options).Table;
}

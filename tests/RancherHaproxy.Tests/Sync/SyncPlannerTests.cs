using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;
using RancherHaproxy.Sync;
using RancherHaproxy.Tls;
using static RancherHaproxy.Tests.RuntimeApi.RuntimePlannerTests;

namespace RancherHaproxy.Tests.Sync;

/// <summary>Every branch of the loop's decision, from what runs and what is wanted.</summary>
public sealed class SyncPlannerTests
{
    private const string Stamp = "100:2048";
    private static readonly RoutingTable Running = Table(Stack("alpha", Server("web_a1", "10.0.0.1")));
    private static readonly RoutingTable WithBeta = Table(Stack("alpha", Server("web_a1", "10.0.0.1")), Stack("beta", Server("web_b1", "10.0.0.2")));
    private static readonly RenderedConfig RunningFiles = RenderedConfig.From(Running);
    private static readonly RenderedConfig WithBetaFiles = RenderedConfig.From(WithBeta);
    private static readonly RoutingTable Protected = Running with { AuthHosts = [new("alpha.example.com", "alpha")] };
    private static readonly RenderedConfig ProtectedFiles = RenderedConfig.From(Protected);

    private static readonly Dictionary<string, (SyncState State, Candidate Wanted, bool RuntimeApi, SyncActionKind Kind, bool CheckFirst, bool FilesChanged)> Rows = new()
    {
        ["same files"] = (Runs(), Wants(Running, RunningFiles), true, SyncActionKind.Unchanged, false, false),
        ["same files, reload pending"] = (Runs() with { ReloadPending = true }, Wants(Running, RunningFiles), true, SyncActionKind.InstallAndReload, false, false),
        ["new stack, a spare free"] = (Runs(spares: 1), Wants(WithBeta, WithBetaFiles), true, SyncActionKind.ApplyAtRuntime, false, true),
        ["new stack, main config changed"] = (Runs(spares: 1), Wants(WithBeta, WithBetaFiles, "200:2048"), true, SyncActionKind.ApplyAtRuntime, true, true),
        ["new stack, no spare"] = (Runs(spares: 0), Wants(WithBeta, WithBetaFiles), true, SyncActionKind.InstallAndReload, false, true),
        ["new stack, Runtime API off"] = (Runs(spares: 1), Wants(WithBeta, WithBetaFiles), false, SyncActionKind.InstallAndReload, false, true),
        ["worker state unknown"] = (Runs(spares: 1) with { Live = null }, Wants(WithBeta, WithBetaFiles), true, SyncActionKind.InstallAndReload, false, true),
        ["reload pending, files changed"] = (Runs(spares: 1) with { ReloadPending = true }, Wants(WithBeta, WithBetaFiles), true, SyncActionKind.InstallAndReload, false, true),
        ["certificate list changed"] = (Runs(spares: 1), Wants(WithBeta, WithBetaFiles with { CrtList = "/a.pem\n" }), true, SyncActionKind.InstallAndReload, false, true),
        ["users changed, routes the same"] = (Runs(spares: 1), Wants(Running, RunningFiles with { Users = "userlist rh-users\n    user a password 'x'\n" }), true, SyncActionKind.InstallAndReload, false, true),
        ["users changed with a new stack"] = (Runs(spares: 1), Wants(WithBeta, WithBetaFiles with { Users = "userlist rh-users\n    user a password 'x'\n" }), true, SyncActionKind.InstallAndReload, false, true),
        ["protection changed, users the same"] = (Runs(spares: 1), Wants(Protected, ProtectedFiles), true, SyncActionKind.ApplyAtRuntime, false, true),
        ["managed certificate changed"] = (Runs(spares: 1), Wants(WithBeta, WithBetaFiles with { ManagedPem = "pem" }), true, SyncActionKind.InstallAndReload, false, true),
        ["refused before, same main config"] = (Runs(spares: 0) with { Rejected = new(WithBetaFiles, Stamp) }, Wants(WithBeta, WithBetaFiles), true, SyncActionKind.StillRefused, false, false),
        ["refused before, main config changed"] = (Runs(spares: 0) with { Rejected = new(WithBetaFiles, Stamp) }, Wants(WithBeta, WithBetaFiles, "200:2048"), true, SyncActionKind.InstallAndReload, false, true),
        ["refused before, check first on runtime"] = (Runs(spares: 1) with { Rejected = new(WithBetaFiles, "200:2048") }, Wants(WithBeta, WithBetaFiles, "200:2048"), true, SyncActionKind.StillRefused, false, false),
        ["worker ahead of its files (commands sent, install refused)"] = (Runs(spares: 1) with { Live = RuntimePlanner.Plan(Runs(spares: 1).Live!, WithBeta)!.Result }, Wants(Running, RunningFiles), true, SyncActionKind.ApplyAtRuntime, false, true),
        ["another candidate refused before"] = (Runs(spares: 0) with { Rejected = new(RunningFiles with { Backends = "x" }, Stamp) }, Wants(WithBeta, WithBetaFiles), true, SyncActionKind.InstallAndReload, false, true),
    };

    public static TheoryData<string> Cases => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_Case_ChoosesTheAction(string name)
    {
        // Arrange
        var (state, wanted, runtimeApi, kind, checkFirst, filesChanged) = Rows[name];

        // Act
        var action = SyncPlanner.Plan(state, wanted, runtimeApi);

        // Assert
        (action.Kind, action.CheckFirst, action.FilesChanged).Should().Be((kind, checkFirst, filesChanged), name);
        (action.Plan is not null).Should().Be(kind == SyncActionKind.ApplyAtRuntime, "only a Runtime API action carries commands");
    }

    [Fact]
    public void Plan_RuntimeApiChange_SendsCommandsBeforeTheFilesAreRendered()
    {
        // Arrange
        var wanted = new Candidate(
            WithBeta, () => WithBetaFiles, (WithBetaFiles.CrtList, WithBetaFiles.ManagedPem, WithBetaFiles.Users),
            new Settled(new RoutingInputs(2, 2), CertificatePlan.Disabled, []), Stamp);

        // Act
        var action = SyncPlanner.Plan(Runs(spares: 1), wanted, runtimeApi: true);

        // Assert
        action.Kind.Should().Be(SyncActionKind.ApplyAtRuntime);
        wanted.Rendered.Should().BeFalse("the files are rendered, compared and installed after the commands");
        wanted.Config.Should().Be(WithBetaFiles);
    }

    [Theory]
    [InlineData("same routes", false, true)]
    [InlineData("main config changed", true, false)]
    public void Plan_NoCommandsFirst_RendersTheFilesToDecide(string name, bool mainConfigChanged, bool sameRoutes)
    {
        // Arrange
        var (table, files) = sameRoutes ? (Running, RunningFiles) : (WithBeta, WithBetaFiles);
        var wanted = new Candidate(
            table, () => files, (files.CrtList, files.ManagedPem, files.Users),
            new Settled(new RoutingInputs(2, 2), CertificatePlan.Disabled, []), mainConfigChanged ? "200:2048" : Stamp);

        // Act
        SyncPlanner.Plan(Runs(spares: 1), wanted, runtimeApi: true);

        // Assert
        wanted.Rendered.Should().BeTrue(name);
    }

    [Fact]
    public void Plan_RuntimeApi_CarriesThePlannersCommandsAndResult()
    {
        // Act
        var action = SyncPlanner.Plan(Runs(spares: 1), Wants(WithBeta, WithBetaFiles), runtimeApi: true);

        // Assert
        Describe(action.Plan).Should().Equal(Describe(RuntimePlanner.Plan(Runs(spares: 1).Live!, WithBeta)));
        action.Plan!.Result.ServedBy.Should().ContainKey("stack_beta");
    }

    [Theory]
    [InlineData("same inputs and certificates", true, false, 1, false, true)]
    [InlineData("no settled inputs", false, false, 1, false, false)]
    [InlineData("reload pending", true, true, 1, false, false)]
    [InlineData("other inputs", true, false, 2, false, false)]
    [InlineData("certificates changed", true, false, 1, true, false)]
    public void IsSettled_Case_Answers(string name, bool settled, bool reloadPending, int inputs, bool certificatesChanged, bool expected)
    {
        // Arrange
        var state = Runs() with
        {
            Settled = settled ? new Settled(new RoutingInputs(1, 1), CertificatePlan.Disabled, []) : null,
            ReloadPending = reloadPending,
        };
        var certificates = certificatesChanged ? CertificatePlan.Disabled with { UsesPlaceholder = true } : CertificatePlan.Disabled;

        // Act / Assert
        SyncPlanner.IsSettled(state, new RoutingInputs((UInt128)inputs, 1), certificates).Should().Be(expected, name);
    }

    /// <summary>HAProxy runs <see cref="Running"/> from its files, with <paramref name="spares"/> spare backends.</summary>
    private static SyncState Runs(int spares = 1) => SyncState.Initial with
    {
        Applied = RunningFiles,
        Live = LiveState.FromTable(Running, BackendNames.Spares(spares)),
        AppliedServers = 1,
        PassedMainConfigStamp = Stamp,
    };

    private static Candidate Wants(RoutingTable table, RenderedConfig files, string stamp = Stamp) =>
        new(table, files, new Settled(new RoutingInputs(2, 2), CertificatePlan.Disabled, []), stamp);
}

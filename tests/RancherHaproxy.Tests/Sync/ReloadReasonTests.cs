using RancherHaproxy.Operations;
using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;
using RancherHaproxy.Sync;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Sync;

/// <summary>Why a reload happens, for <c>rancher_haproxy_reloads_total{reason}</c>.</summary>
public sealed class ReloadReasonTests
{
    private const string Stamp = "100:2048";
    private static readonly RenderedConfig Files = RenderedConfig.From(RoutingTable.Empty);

    [Fact]
    public void ReloadReasonFor_RoutesOnly_Routes()
    {
        // Act / Assert
        SyncPlanner.ReloadReasonFor(Runs(), Wants(Files with { Backends = "backend other\n" })).Should().Be(ReloadReason.Routes);
    }

    [Fact]
    public void ReloadReasonFor_CertificateListChanged_Certificates()
    {
        // Act / Assert
        SyncPlanner.ReloadReasonFor(Runs(), Wants(Files with { CrtList = "/etc/ssl/x.pem\n" })).Should().Be(ReloadReason.Certificates);
        SyncPlanner.ReloadReasonFor(Runs(), Wants(Files with { ManagedPem = "PEM" })).Should().Be(ReloadReason.Certificates);
    }

    [Fact]
    public void ReloadReasonFor_MainConfigChangedSinceItPassed_MainConfig()
    {
        // Act / Assert
        SyncPlanner.ReloadReasonFor(Runs(), Wants(Files, stamp: "200:4096")).Should().Be(ReloadReason.MainConfig);
    }

    [Fact]
    public void ReloadReasonFor_NoCheckPassedYet_Routes()
    {
        // Act / Assert: at start no stamp passed yet; the first reload is for the routes
        SyncPlanner.ReloadReasonFor(Runs() with { PassedMainConfigStamp = null }, Wants(Files, stamp: "200:4096")).Should().Be(ReloadReason.Routes);
    }

    [Fact]
    public void ReloadReasonFor_ReloadPending_RecoveryBeforeAnythingElse()
    {
        // Act / Assert
        SyncPlanner.ReloadReasonFor(Runs() with { ReloadPending = true }, Wants(Files with { CrtList = "x\n" }, stamp: "200:4096"))
            .Should().Be(ReloadReason.Recovery);
    }

    private static SyncState Runs() => SyncState.Initial with { Applied = Files, PassedMainConfigStamp = Stamp };

    private static Candidate Wants(RenderedConfig files, string stamp = Stamp) =>
        new(RoutingTable.Empty, files, new Settled(new RoutingInputs(2, 2), CertificatePlan.Disabled, []), stamp);
}

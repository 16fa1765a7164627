using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Rendering;

public sealed class RenderedConfigTests
{
    [Fact]
    public void From_MountedCertificate_CandidateListNamesTheMountedFile()
    {
        var plan = new CertificatePlan(["/etc/haproxy/server.pem"], ManagedPem: null, UsesPlaceholder: false);

        var rendered = RenderedConfig.From(RoutingTable.Empty, plan, "/etc/haproxy/server.pem", "/etc/haproxy/server.pem.candidate");

        rendered.CandidateCrtList.Should().Contain("/etc/haproxy/server.pem\n").And.NotContain(".candidate", "no candidate is written for a file the daemon does not own");
    }

    [Fact]
    public void From_ManagedCertificate_CandidateListNamesTheCandidate()
    {
        var plan = new CertificatePlan(["/etc/haproxy/server.pem"], ManagedPem: "pem", UsesPlaceholder: false);

        var rendered = RenderedConfig.From(RoutingTable.Empty, plan, "/etc/haproxy/server.pem", "/etc/haproxy/server.pem.candidate");

        rendered.CandidateCrtList.Should().Contain("/etc/haproxy/server.pem.candidate\n");
        rendered.CrtList.Should().NotContain(".candidate");
    }
}

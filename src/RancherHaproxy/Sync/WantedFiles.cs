using RancherHaproxy.Discovery;
using RancherHaproxy.Logging;
using RancherHaproxy.Output;
using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Sync;

/// <summary>What an answer wants on disk: its certificate plan, and the files rendered from its table with that plan.</summary>
internal sealed class WantedFiles(SyncLoopOptions options, Logger logger)
{
    /// <summary>The certificates to serve; problems found in the directory or the metadata join <paramref name="problems"/>.</summary>
    public CertificatePlan PlanCertificates(ServiceMetadata service, List<string> problems)
    {
        var directory = CertificateDirectory.List(options.CertificateDirectory, problems);
        return CertificatePlanner.Plan(options.Certificates, service, directory, problems);
    }

    public RenderedConfig Render(RoutingTable table, CertificatePlan certificates)
    {
        var certificatePath = options.Certificates.CertificatePath;
        return RenderedConfig.From(table, certificates, certificatePath, AtomicFileWriter.CandidatePath(certificatePath), options.SpareBackends);
    }

    /// <summary>Says when TLS starts or stops serving the placeholder, once per change.</summary>
    public SyncState NotePlaceholder(SyncState state, CertificatePlan plan)
    {
        if (plan.UsesPlaceholder == state.UsesPlaceholder)
        {
            return state;
        }

        SyncLog.Placeholder(logger, plan.UsesPlaceholder);
        return state with { UsesPlaceholder = plan.UsesPlaceholder };
    }
}

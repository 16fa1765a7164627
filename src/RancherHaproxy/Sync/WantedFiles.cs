using RancherHaproxy.Auth;
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

    /// <param name="users">The users in force; the start users alone when null.</param>
    public RenderedConfig Render(RoutingTable table, CertificatePlan certificates, IReadOnlyList<AuthUser>? users = null) =>
        Render(table, certificates, Unrouted(certificates, users));

    /// <param name="unrouted">What <see cref="Unrouted"/> gave for these certificates and users.</param>
    public RenderedConfig Render(RoutingTable table, CertificatePlan certificates, (string CrtList, string? ManagedPem, string Users) unrouted)
    {
        var certificatePath = options.Certificates.CertificatePath;
        return RenderedConfig.From(table, certificates, certificatePath, AtomicFileWriter.CandidatePath(certificatePath), options.SpareBackends, unrouted);
    }

    /// <summary>What <see cref="Render(RoutingTable, CertificatePlan, IReadOnlyList{AuthUser})"/> puts in the certificate list, the daemon's PEM and the userlist, without rendering the routes.</summary>
    public (string CrtList, string? ManagedPem, string Users) Unrouted(CertificatePlan certificates, IReadOnlyList<AuthUser>? users = null) =>
        RenderedConfig.Unrouted(certificates, users ?? options.StartUsers);

    /// <summary>
    /// The start users, then the metadata users in force: the answer's, or when its list was refused
    /// (null) the ones <paramref name="state"/> holds. A name defined again joins <paramref name="problems"/>.
    /// </summary>
    public (IReadOnlyList<AuthUser> Users, IReadOnlyList<AuthUser> MetadataUsers) Users(SyncState state, ServiceMetadata service, List<string> problems)
    {
        var metadataUsers = service.AuthUsers ?? state.MetadataUsers;
        var (users, duplicates) = AuthUserMerge.Merge(options.StartUsers, metadataUsers);
        problems.AddRange(duplicates.Select(name => $"metadata key auth_users: user {name} is already defined by AUTH_USERS or AUTH_USERS_FILE; that one wins"));
        return (users, metadataUsers);
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

using RancherHaproxy.Routing;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Sync;

/// <summary>What the sync loop needs besides its collaborators.</summary>
/// <param name="CrtListPath">HAPROXY_CRT_LIST: the generated certificate list.</param>
/// <param name="CertificateDirectory">HAPROXY_SSL_CERT_DIR: more PEM files, chosen by SNI; null when unset.</param>
/// <param name="RetryInterval">The longest wait between retries after an error (POLL_INTERVAL).</param>
internal sealed record SyncLoopOptions(
    RoutingOptions Routing,
    string MainConfigPath,
    string BackendConfigPath,
    string DomainMapPath,
    string CrtListPath,
    CertificateOptions Certificates,
    string? CertificateDirectory,
    TimeSpan RetryInterval)
{
    /// <summary>HAPROXY_STACK_MAP: backend → stack, for logs and error pages; null writes none (a custom config may not load it).</summary>
    public string? StackMapPath { get; init; }

    /// <summary>HAPROXY_AUTH_MAP: protected host → realm; null writes none.</summary>
    public string? AuthMapPath { get; init; }

    /// <summary>The users read at start (AUTH_USERS, AUTH_USERS_FILE); metadata auth_users add to them.</summary>
    public IReadOnlyList<Auth.AuthUser> StartUsers { get; init; } = [];

    /// <summary>SPARE_BACKENDS: empty backends declared for new stacks, so they need no reload.</summary>
    public int SpareBackends { get; init; }

    /// <summary>The spare backends' names.</summary>
    public IReadOnlyList<string> SpareNames => BackendNames.Spares(SpareBackends);

    /// <summary>CONSOLIDATE_AFTER: quiet time before stacks on spares get their own backends (zero: never).</summary>
    public TimeSpan ConsolidateAfter { get; init; }

    /// <summary>How long to wait before reading again an answer that would remove most servers.</summary>
    public TimeSpan RemovalConfirmDelay { get; init; } = TimeSpan.FromSeconds(1);
}

using RancherHaproxy.Routing;

namespace RancherHaproxy.Runtime;

/// <summary>What the sync loop needs besides its collaborators.</summary>
/// <param name="RetryInterval">The longest wait between retries after an error (POLL_INTERVAL).</param>
internal sealed record SyncLoopOptions(
    RoutingOptions Routing,
    string MainConfigPath,
    string BackendConfigPath,
    string DomainMapPath,
    TimeSpan RetryInterval);

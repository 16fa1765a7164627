using RancherHaproxy.Rendering;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Sync;

/// <summary>
/// What runs, as the loop knows it: one value, replaced whole by each cycle and each housekeeping
/// step under the store's gate, never changed in place.
/// </summary>
/// <param name="Applied">The files installed (null before the first).</param>
/// <param name="Settled">The inputs of what runs when it was applied in full; null when unknown or refused.</param>
/// <param name="Rejected">The last candidate <c>haproxy -c</c> refused, and the main config it was checked with.</param>
/// <param name="Live">What the worker routes, for the Runtime API; null when unknown (a reload rebuilds it).</param>
/// <param name="ReloadPending">The last reload failed: the files are newer than what runs.</param>
/// <param name="AppliedServers">Servers in service after the last apply (the removal confirmation's yardstick).</param>
/// <param name="PassedMainConfigStamp">The main config's stamp when a check last passed.</param>
/// <param name="DrainingBackends">Backends with servers draining, for the housekeeping to look at.</param>
/// <param name="UsesPlaceholder">Whether TLS serves the self-signed placeholder.</param>
/// <param name="CanWaitUntilRemovable">HAProxy has <c>wait srv-removable</c> (3.0+), known once it started.</param>
internal sealed record SyncState(
    RenderedConfig? Applied,
    Settled? Settled,
    RejectedConfig? Rejected,
    LiveState? Live,
    bool ReloadPending,
    int AppliedServers,
    string? PassedMainConfigStamp,
    IReadOnlySet<string> DrainingBackends,
    bool UsesPlaceholder,
    bool CanWaitUntilRemovable)
{
    public static SyncState Initial { get; } = new(
        null, null, null, null, false, 0, null, new HashSet<string>(StringComparer.Ordinal), false, false);

    /// <summary>Host → stack as the last applied routes gave it: the holder keeps its host against equal claims.</summary>
    public IReadOnlyDictionary<string, string> HeldHosts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The routing table of what runs (files and worker agree on it), for a consolidation reload.</summary>
    public Routing.RoutingTable? AppliedTable { get; init; }

    /// <summary>The metadata auth_users in force: a refused list leaves them as they are.</summary>
    public IReadOnlyList<Auth.AuthUser> MetadataUsers { get; init; } = [];

    /// <summary>When routes last changed (a timestamp of the loop's TimeProvider), for CONSOLIDATE_AFTER.</summary>
    public long LastChange { get; init; }
}

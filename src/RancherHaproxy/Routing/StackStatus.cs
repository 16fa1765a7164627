namespace RancherHaproxy.Routing;

/// <summary>
/// A known stack (one of its containers at least carries RANCHER_LABEL): the hosts it owns, its
/// containers by reason, and the INDEX_LABELS values (raw: the pages escape them).
/// </summary>
internal sealed record StackStatus(
    string Name,
    IReadOnlyList<HostStatus> Hosts,
    ContainerCounts Containers,
    IReadOnlyList<KeyValuePair<string, string>> Labels)
{
    /// <summary>Whether its routed hosts require credentials (the `.auth` label, AUTH_DEFAULT).</summary>
    public bool Protected { get; init; }

    /// <summary>It has hosts, and every one of them is routed.</summary>
    public bool Ready => Hosts.Count > 0 && Hosts.All(host => host.Ready);
}

namespace RancherHaproxy.Routing;

/// <summary>What HAProxy should route: backends (one per stack) sorted by name, ordinal.</summary>
internal sealed record RoutingTable(IReadOnlyList<StackBackend> Backends)
{
    public static RoutingTable Empty { get; } = new([]);

    /// <summary>Protected host → realm (its stack, or `index`), sorted by host: the auth map.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AuthHosts { get; init; } = [];

    public int ServerCount => Backends.Sum(backend => backend.Servers.Count);

    public int HostCount => Backends.Sum(backend => backend.Hosts.Count);
}

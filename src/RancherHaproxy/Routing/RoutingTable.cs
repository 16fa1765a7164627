namespace RancherHaproxy.Routing;

/// <summary>What HAProxy should route: backends (one per stack) sorted by name, ordinal.</summary>
internal sealed record RoutingTable(IReadOnlyList<StackBackend> Backends)
{
    public static RoutingTable Empty { get; } = new([]);

    public int ServerCount => Backends.Sum(backend => backend.Servers.Count);

    public int HostCount => Backends.Sum(backend => backend.Hosts.Count);
}

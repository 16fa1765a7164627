namespace RancherHaproxy.Routing;

/// <summary>From the hosts a stack won to its backends: one per distinct set of containers that serve them.</summary>
internal static partial class RoutingTableBuilder
{
    /// <summary>The hosts <paramref name="stack"/> owns, own name first, each with the containers that serve it.</summary>
    private static List<OwnedHost> HostsOf(KnownStack stack, IEnumerable<HostClaim> owned, RoutingOptions options)
    {
        var own = HostsLabel.OwnHost(stack.Name, options);
        var onOwnName = stack.Containers.Where(container => container.Hosts.Contains(own)).ToList();
        return owned
            .Select(claim => new OwnedHost(
                claim.Host,
                claim.Rank,
                claim.Rank == HostRank.Alias ? onOwnName : stack.Containers.Where(container => container.Hosts.Contains(claim.Host)).ToList()))
            .OrderBy(host => host.Host == own ? 0 : 1)
            .ThenBy(host => host.Host, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Hosts served by the same routable containers share a backend. The one that serves the stack's
    /// own name (or its aliases) keeps the stack's backend name; another is named after its first host.
    /// </summary>
    private static IEnumerable<StackBackend> Backends(KnownStack stack, List<OwnedHost> hosts, string baseName, RoutingOptions options)
    {
        var own = HostsLabel.OwnHost(stack.Name, options);
        var mainServers = Routable(stack.Containers.Where(container => container.Hosts.Contains(own)));
        var groups = hosts
            .Select(host => (host.Host, host.Rank, Servers: Routable(host.Containers)))
            .Where(host => host.Servers.Count > 0)
            .GroupBy(host => string.Join(' ', host.Servers.Select(server => server.ContainerUuid).Order(StringComparer.Ordinal)), StringComparer.Ordinal);
        var mainDone = false;
        foreach (var group in groups)
        {
            var names = group.Select(host => host.Host).Order(StringComparer.Ordinal).ToList();
            var main = group.Any(host => host.Rank != HostRank.Label);
            mainDone |= main;
            yield return new StackBackend(main ? baseName : $"{baseName}.{names[0]}", stack.Name, names, Sorted(group.First().Servers));
        }

        // A stack that lost its own name to another keeps its backend, without hosts: as before the
        // `.hosts` label, and visible on the stats page.
        if (!mainDone && mainServers.Count > 0)
        {
            yield return new StackBackend(baseName, stack.Name, [], Sorted(mainServers));
        }
    }

    private static List<BackendServer> Routable(IEnumerable<LabelledContainer> containers) =>
        containers.Where(container => container.Server is not null).Select(container => container.Server!).ToList();

    private static List<BackendServer> Sorted(List<BackendServer> servers) => servers.OrderBy(server => server.Name, StringComparer.Ordinal).ToList();

    private sealed record OwnedHost(string Host, HostRank Rank, List<LabelledContainer> Containers);
}

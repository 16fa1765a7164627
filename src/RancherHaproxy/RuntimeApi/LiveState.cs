using RancherHaproxy.Routing;

namespace RancherHaproxy.RuntimeApi;

/// <summary>
/// What the running HAProxy worker routes, as the daemon made it: the backends its config declares
/// (stack backends and empty spares), which backend serves each stack, the servers of each backend,
/// and the host map. Rebuilt from the routing table after every reload; advanced by runtime changes.
/// </summary>
internal sealed class LiveState
{
    public LiveState(
        IReadOnlySet<string> declaredBackends,
        IReadOnlyDictionary<string, string> servedBy,
        IReadOnlyDictionary<string, Dictionary<string, LiveServer>> servers,
        IReadOnlyDictionary<string, string> hosts,
        IReadOnlyDictionary<string, string>? authHosts = null)
    {
        DeclaredBackends = declaredBackends;
        ServedBy = servedBy;
        Servers = servers;
        Hosts = hosts;
        AuthHosts = authHosts ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    public IReadOnlySet<string> DeclaredBackends { get; }

    /// <summary>
    /// Wanted backend (as the routing table names it) → the backend that serves it now: itself, or a
    /// spare taken at run time.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServedBy { get; }

    /// <summary>Backend → server name → server. Backends without servers may be missing.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, LiveServer>> Servers { get; }

    /// <summary>Host → backend, as in the running map.</summary>
    public IReadOnlyDictionary<string, string> Hosts { get; }

    /// <summary>Protected host → realm, as in the running auth map.</summary>
    public IReadOnlyDictionary<string, string> AuthHosts { get; }

    /// <summary>
    /// The backends (a routing table's, in name order) that <see cref="ServedBy"/>, <see cref="Servers"/>
    /// and <see cref="Hosts"/> were made from, by <see cref="FromTable"/> or a plan; null when not
    /// known. The next plan then looks only at the backends that are not these very objects.
    /// </summary>
    public IReadOnlyList<StackBackend>? PlannedFrom { get; init; }

    /// <summary>The state right after HAProxy loaded the files rendered from <paramref name="table"/>.</summary>
    public static LiveState FromTable(RoutingTable table, IReadOnlyList<string> spareBackends)
    {
        var declared = new HashSet<string>(spareBackends, StringComparer.Ordinal);
        var stacks = new Dictionary<string, string>(StringComparer.Ordinal);
        var servers = new Dictionary<string, Dictionary<string, LiveServer>>(StringComparer.Ordinal);
        var hosts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var backend in table.Backends)
        {
            declared.Add(backend.Name);
            stacks[backend.Name] = backend.Name;
            servers[backend.Name] = backend.Servers.ToDictionary(
                server => server.Name, server => new LiveServer(server, Draining: false), StringComparer.Ordinal);
            foreach (var host in backend.Hosts)
            {
                hosts[host] = backend.Name;
            }
        }

        return new LiveState(declared, stacks, servers, hosts, table.AuthHosts.ToDictionary(StringComparer.Ordinal)) { PlannedFrom = table.Backends };
    }

    /// <summary>Whether <paramref name="backend"/> has any server, in service or draining.</summary>
    public bool HasServers(string backend) => Servers.TryGetValue(backend, out var list) && list.Count > 0;

    /// <summary>This state with <paramref name="removed"/> gone from <paramref name="backend"/> (deleted through the Runtime API).</summary>
    public LiveState WithoutServers(string backend, IReadOnlyCollection<string> removed)
    {
        if (removed.Count == 0 || !Servers.TryGetValue(backend, out var current))
        {
            return this;
        }

        var servers = Servers.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        servers[backend] = current.Where(pair => !removed.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return new LiveState(DeclaredBackends, ServedBy, servers, Hosts, AuthHosts) { PlannedFrom = PlannedFrom };
    }
}

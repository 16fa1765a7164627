using RancherHaproxy.Routing;

namespace RancherHaproxy.RuntimeApi;

/// <summary>
/// Pure: the Runtime API changes that turn what runs into what is wanted, or null when only a reload
/// can (no backend free for a new stack, a server's PROXY option changed, or too much at once). A new
/// stack takes its own backend if the running config declares it, else a spare one; the host map then
/// points at it. Servers that go away are drained, never cut.
/// </summary>
internal static partial class RuntimePlanner
{
    /// <summary>Beyond this many changes a reload is simpler and as fast.</summary>
    public const int MaxOperations = 400;

    /// <summary>
    /// From what runs to <paramref name="desired"/>: only the backends that changed since the plan
    /// that made <paramref name="live"/> when it knows them (<see cref="LiveState.PlannedFrom"/>),
    /// else every backend; the two give the same plan (a property test compares them).
    /// </summary>
    public static RuntimePlan? Plan(LiveState live, RoutingTable desired) =>
        live.PlannedFrom is { } before ? PlanChanges(live, before, desired) : PlanWhole(live, desired);

    /// <summary>The plan from every backend, wanted and running.</summary>
    internal static RuntimePlan? PlanWhole(LiveState live, RoutingTable desired)
    {
        var assignment = AssignBackends(live, desired);
        if (assignment is null)
        {
            return null;
        }

        var servers = new PlannedServers(live.Servers);
        var serverOperations = new List<RuntimeOperation>();
        foreach (var backend in desired.Backends)
        {
            if (!PlanBackend(live, servers, backend, assignment[backend.Name], serverOperations))
            {
                return null;
            }
        }

        var drains = PlanDrains(servers, desired, assignment);
        var (hostOperations, hosts) = PlanHosts(live, desired, assignment);
        return Planned(live, desired, (assignment, servers, hosts), serverOperations, hostOperations, drains);
    }

    /// <summary>
    /// The auth map's changes with the others, in their order (protection first, its removal last:
    /// a host never routes unprotected in between), and the state after them.
    /// </summary>
    private static RuntimePlan? Planned(
        LiveState live, RoutingTable desired, (Dictionary<string, string> ServedBy, PlannedServers Servers, Dictionary<string, string> Hosts) after,
        List<RuntimeOperation> serverOperations, List<RuntimeOperation> hostOperations, List<RuntimeOperation> drains)
    {
        var (protect, unprotect) = AuthPlanner.Plan(live.AuthHosts, desired.AuthHosts);
        var operations = new List<RuntimeOperation>(protect.Count + serverOperations.Count + hostOperations.Count + drains.Count + unprotect.Count);
        operations.AddRange(protect);
        operations.AddRange(serverOperations);
        operations.AddRange(hostOperations);
        operations.AddRange(drains);
        operations.AddRange(unprotect);
        if (operations.Count > MaxOperations)
        {
            return null;
        }

        var authHosts = desired.AuthHosts.ToDictionary(StringComparer.Ordinal);
        return new RuntimePlan(operations, new LiveState(live.DeclaredBackends, after.ServedBy, after.Servers.Result, after.Hosts, authHosts) { PlannedFrom = desired.Backends });
    }

    /// <summary>Stack → backend for every wanted stack: the one it has, its own if declared, else a free spare.</summary>
    private static Dictionary<string, string>? AssignBackends(LiveState live, RoutingTable desired)
    {
        var assignment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var backend in desired.Backends)
        {
            if (live.ServedBy.TryGetValue(backend.Name, out var current))
            {
                assignment[backend.Name] = current;
            }
        }

        var free = new FreeBackends(live);
        foreach (var backend in desired.Backends.Where(backend => !assignment.ContainsKey(backend.Name)))
        {
            if (free.Take(backend.Name) is not { } chosen)
            {
                return null;
            }

            assignment[backend.Name] = chosen;
        }

        return assignment;
    }

    /// <summary>
    /// The backends a new stack may take: its own when the running config declares it and nobody
    /// serves from it, else the first free spare (nobody serves from it and it has no server, draining
    /// ones included). What is taken is found on first use: only new stacks take backends.
    /// </summary>
    private sealed class FreeBackends(LiveState live)
    {
        private HashSet<string>? _taken;
        private Queue<string>? _spares;

        /// <summary>The backend <paramref name="backend"/> takes, or null when none is free.</summary>
        public string? Take(string backend)
        {
            var taken = _taken ??= new HashSet<string>(live.ServedBy.Values, StringComparer.Ordinal);
            string? chosen = null;
            if (live.DeclaredBackends.Contains(backend) && !taken.Contains(backend))
            {
                chosen = backend;
            }
            else if ((_spares ??= Spares(taken)).TryDequeue(out var spare))
            {
                chosen = spare;
            }

            if (chosen is not null)
            {
                taken.Add(chosen);
            }

            return chosen;
        }

        private Queue<string> Spares(HashSet<string> taken) =>
            new(live.DeclaredBackends
                .Where(name => name.StartsWith(BackendNames.SparePrefix, StringComparison.Ordinal))
                .Where(name => !taken.Contains(name) && !live.HasServers(name))
                .Order(StringComparer.Ordinal));
    }

    /// <summary>A wanted backend served from <paramref name="target"/>: the spare named after its stack when it takes one, then its servers; false when only a reload can.</summary>
    private static bool PlanBackend(LiveState live, PlannedServers servers, StackBackend backend, string target, List<RuntimeOperation> operations)
    {
        if (target != backend.Name && live.ServedBy.GetValueOrDefault(backend.Name) != target)
        {
            operations.Add(RuntimeOperation.NameBackend(target, backend.Stack));
        }

        return PlanServers(servers, target, backend.Servers, operations);
    }

    private static bool PlanServers(PlannedServers servers, string backend, IReadOnlyList<BackendServer> wanted, List<RuntimeOperation> operations)
    {
        var current = servers.Of(backend);
        foreach (var server in wanted)
        {
            LiveServer? live = null;
            if (current?.TryGetValue(server.Name, out live) != true)
            {
                operations.Add(RuntimeOperation.AddServer(backend, server));
                operations.Add(RuntimeOperation.EnableServer(backend, server));
            }
            else if (live!.Server.ProxyProtocol != server.ProxyProtocol)
            {
                return false;
            }
            else
            {
                if (live.Server.Address != server.Address || live.Server.Port != server.Port)
                {
                    operations.Add(RuntimeOperation.SetServerAddress(backend, server));
                }

                if (live.Draining)
                {
                    operations.Add(RuntimeOperation.ReadyServer(backend, server));
                }
            }

            var planned = new LiveServer(server, Draining: false);
            if (live != planned)
            {
                servers.Writable(backend)[server.Name] = planned;
            }
        }

        return true;
    }

    /// <summary>Every server in service that is no longer wanted where it is: drained (it leaves once idle), in backend and server order.</summary>
    private static List<RuntimeOperation> PlanDrains(PlannedServers servers, RoutingTable desired, Dictionary<string, string> assignment) =>
        PlanDrains(servers, desired.Backends.ToDictionary(backend => assignment[backend.Name], backend => backend.Servers, StringComparer.Ordinal), servers.Result.Keys);

    /// <summary>
    /// The servers in service on <paramref name="targets"/> that <paramref name="wanted"/> (backend →
    /// its wanted servers) does not list there, drained in backend and server order; a plan of
    /// changes passes only the backends that changed or left (every other backend's servers are
    /// wanted or draining already).
    /// </summary>
    private static List<RuntimeOperation> PlanDrains(
        PlannedServers servers, Dictionary<string, IReadOnlyList<BackendServer>> wanted, IEnumerable<string> targets)
    {
        var leaving = new List<(string Backend, string Name, LiveServer Server)>();
        foreach (var backend in targets.Distinct(StringComparer.Ordinal))
        {
            if (servers.Of(backend) is not { } list)
            {
                continue;
            }

            wanted.TryGetValue(backend, out var names);
            foreach (var (name, server) in list)
            {
                if (!server.Draining && names?.Any(wantedServer => wantedServer.Name == name) != true)
                {
                    leaving.Add((backend, name, server));
                }
            }
        }

        leaving.Sort((left, right) => string.CompareOrdinal(left.Backend, right.Backend) is var order and not 0 ? order : string.CompareOrdinal(left.Name, right.Name));
        var drains = new List<RuntimeOperation>(leaving.Count);
        foreach (var (backend, name, server) in leaving)
        {
            drains.Add(RuntimeOperation.DrainServer(backend, server.Server));
            servers.Writable(backend)[name] = server with { Draining = true };
        }

        return drains;
    }

    private static (List<RuntimeOperation> Operations, Dictionary<string, string> Hosts) PlanHosts(
        LiveState live, RoutingTable desired, Dictionary<string, string> assignment)
    {
        var hosts = new Dictionary<string, string>(StringComparer.Ordinal);
        var operations = new List<RuntimeOperation>();
        foreach (var backend in desired.Backends)
        {
            foreach (var host in backend.Hosts)
            {
                var target = assignment[backend.Name];
                hosts[host] = target;
                AddOrSetHost(live, host, target, operations);
            }
        }

        foreach (var host in live.Hosts.Keys.Where(host => !hosts.ContainsKey(host)).Order(StringComparer.Ordinal))
        {
            operations.Add(RuntimeOperation.DeleteHost(host));
        }

        return (operations, hosts);
    }

    /// <summary>A host the map must send to <paramref name="target"/>: added, or moved when it sends it elsewhere.</summary>
    private static void AddOrSetHost(LiveState live, string host, string target, List<RuntimeOperation> operations)
    {
        if (!live.Hosts.TryGetValue(host, out var current))
        {
            operations.Add(RuntimeOperation.AddHost(target, host));
        }
        else if (current != target)
        {
            operations.Add(RuntimeOperation.SetHost(target, host));
        }
    }
}

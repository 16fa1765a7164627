using RancherHaproxy.Routing;

namespace RancherHaproxy.RuntimeApi;

/// <summary>
/// Pure: the Runtime API changes that turn what runs into what is wanted, or null when only a reload
/// can (no backend free for a new stack, a server's PROXY option changed, or too much at once). A new
/// stack takes its own backend if the running config declares it, else a spare one; the host map then
/// points at it. Servers that go away are drained, never cut.
/// </summary>
internal static class RuntimePlanner
{
    /// <summary>Beyond this many changes a reload is simpler and as fast.</summary>
    public const int MaxOperations = 400;

    public static RuntimePlan? Plan(LiveState live, RoutingTable desired)
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
            var target = assignment[backend.Name];
            if (target != backend.Name && live.ServedBy.GetValueOrDefault(backend.Name) != target)
            {
                serverOperations.Add(RuntimeOperation.NameBackend(target, backend.Stack));
            }

            if (!PlanServers(servers, assignment[backend.Name], backend.Servers, serverOperations))
            {
                return null;
            }
        }

        var drains = PlanDrains(servers, desired, assignment);
        var (hostOperations, hosts) = PlanHosts(live, desired, assignment);
        var (protect, unprotect) = AuthPlanner.Plan(live.AuthHosts, desired.AuthHosts);

        // Protection first, removals of protection last: a host never routes unprotected in between.
        var operations = protect.Concat(serverOperations).Concat(hostOperations).Concat(drains).Concat(unprotect).ToList();
        if (operations.Count > MaxOperations)
        {
            return null;
        }

        var authHosts = desired.AuthHosts.ToDictionary(StringComparer.Ordinal);
        return new RuntimePlan(operations, new LiveState(live.DeclaredBackends, assignment, servers.Result, hosts, authHosts));
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

        var taken = assignment.Values.ToHashSet(StringComparer.Ordinal);
        taken.UnionWith(live.ServedBy.Values);
        Queue<string>? spares = null; // free spares in name order, found once: only new stacks take them
        foreach (var backend in desired.Backends.Where(backend => !assignment.ContainsKey(backend.Name)))
        {
            string? chosen = null;
            if (live.DeclaredBackends.Contains(backend.Name) && !taken.Contains(backend.Name))
            {
                chosen = backend.Name;
            }
            else if ((spares ??= FreeSpares(live, taken)).TryDequeue(out var spare))
            {
                chosen = spare;
            }

            if (chosen is null)
            {
                return null;
            }

            assignment[backend.Name] = chosen;
            taken.Add(chosen);
        }

        return assignment;
    }

    /// <summary>Spare backends nobody serves from and without servers (draining ones included), in name order.</summary>
    private static Queue<string> FreeSpares(LiveState live, HashSet<string> taken) =>
        new(live.DeclaredBackends
            .Where(name => name.StartsWith(BackendNames.SparePrefix, StringComparison.Ordinal))
            .Where(name => !taken.Contains(name) && !live.HasServers(name))
            .Order(StringComparer.Ordinal));

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
    private static List<RuntimeOperation> PlanDrains(PlannedServers servers, RoutingTable desired, Dictionary<string, string> assignment)
    {
        var wanted = desired.Backends.ToDictionary(backend => assignment[backend.Name], backend => backend.Servers, StringComparer.Ordinal);
        var leaving = new List<(string Backend, string Name, LiveServer Server)>();
        foreach (var (backend, list) in servers.Result)
        {
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

        foreach (var host in live.Hosts.Keys.Where(host => !hosts.ContainsKey(host)).Order(StringComparer.Ordinal))
        {
            operations.Add(RuntimeOperation.DeleteHost(host));
        }

        return (operations, hosts);
    }
}

using RancherHaproxy.Routing;

namespace RancherHaproxy.RuntimeApi;

/// <summary>A plan from the backends that changed since the last one.</summary>
internal static partial class RuntimePlanner
{
    /// <summary>
    /// As <see cref="PlanWhole"/>, looking only at the backends that are not the very objects
    /// <paramref name="live"/> was planned from (the builder hands back an unchanged stack's backends
    /// as the same objects): one new stack among 20,000 is a few lookups instead of a pass over every
    /// server and host. Sound because of what a plan leaves behind: a backend planned from an object
    /// serves exactly its servers, none draining, and maps exactly its hosts; every other server is
    /// draining; the host map holds the planned backends' hosts and nothing else; and no host is in
    /// two backends of one table (the builder gives each host one owner).
    /// </summary>
    private static RuntimePlan? PlanChanges(LiveState live, IReadOnlyList<StackBackend> before, RoutingTable desired)
    {
        var changes = Changes(before, desired.Backends);
        var assignment = new Dictionary<string, string>(live.ServedBy, StringComparer.Ordinal);
        var free = new FreeBackends(live);
        var leftTargets = new List<string>();
        foreach (var (old, wanted) in changes)
        {
            if (wanted is null)
            {
                assignment.Remove(old!.Name);
                leftTargets.Add(live.ServedBy.GetValueOrDefault(old.Name) ?? old.Name);
            }
            else if (!live.ServedBy.ContainsKey(wanted.Name))
            {
                if (free.Take(wanted.Name) is not { } chosen)
                {
                    return null;
                }

                assignment[wanted.Name] = chosen;
            }
        }

        var servers = new PlannedServers(live.Servers);
        var serverOperations = new List<RuntimeOperation>();
        var wantedServers = new Dictionary<string, IReadOnlyList<BackendServer>>(StringComparer.Ordinal);
        foreach (var (_, wanted) in changes)
        {
            if (wanted is null)
            {
                continue;
            }

            var target = assignment[wanted.Name];
            if (!PlanBackend(live, servers, wanted, target, serverOperations))
            {
                return null;
            }

            wantedServers[target] = wanted.Servers;
        }

        var drains = PlanDrains(servers, wantedServers, leftTargets.Concat(wantedServers.Keys));
        var (hostOperations, hosts) = PlanHosts(live, changes, assignment);
        return Planned(live, desired, (assignment, servers, hosts), serverOperations, hostOperations, drains);
    }

    /// <summary>
    /// Both lists in name order, walked together: each backend that left (wanted null), came (old
    /// null) or is another object under the same name, in name order. The same object is passed by.
    /// </summary>
    private static List<(StackBackend? Old, StackBackend? Wanted)> Changes(IReadOnlyList<StackBackend> before, IReadOnlyList<StackBackend> after)
    {
        var changes = new List<(StackBackend?, StackBackend?)>();
        var (left, right) = (0, 0);
        while (left < before.Count || right < after.Count)
        {
            if (left < before.Count && right < after.Count && ReferenceEquals(before[left], after[right]))
            {
                (left, right) = (left + 1, right + 1);
                continue;
            }

            var order = left == before.Count ? 1 : right == after.Count ? -1 : string.CompareOrdinal(before[left].Name, after[right].Name);
            changes.Add((order <= 0 ? before[left] : null, order >= 0 ? after[right] : null));
            (left, right) = (order <= 0 ? left + 1 : left, order >= 0 ? right + 1 : right);
        }

        return changes;
    }

    /// <summary>As <see cref="PlanHosts(LiveState, RoutingTable, Dictionary{string, string})"/>: the changed backends' hosts, and the hosts of those that changed or left that nobody maps now.</summary>
    private static (List<RuntimeOperation> Operations, Dictionary<string, string> Hosts) PlanHosts(
        LiveState live, List<(StackBackend? Old, StackBackend? Wanted)> changes, Dictionary<string, string> assignment)
    {
        var hosts = new Dictionary<string, string>(live.Hosts, StringComparer.Ordinal);
        var mapped = new HashSet<string>(StringComparer.Ordinal);
        var operations = new List<RuntimeOperation>();
        foreach (var (_, wanted) in changes)
        {
            foreach (var host in wanted?.Hosts ?? [])
            {
                var target = assignment[wanted!.Name];
                hosts[host] = target;
                mapped.Add(host);
                AddOrSetHost(live, host, target, operations);
            }
        }

        var gone = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (old, _) in changes)
        {
            foreach (var host in old?.Hosts ?? [])
            {
                if (!mapped.Contains(host) && hosts.Remove(host))
                {
                    gone.Add(host);
                }
            }
        }

        operations.AddRange(gone.Select(RuntimeOperation.DeleteHost));
        return (operations, hosts);
    }
}

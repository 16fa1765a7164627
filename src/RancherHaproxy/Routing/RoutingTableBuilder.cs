using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Routing;

/// <summary>
/// Metadata in, routing table out: pure, no I/O, clock or environment. Every value that reaches the
/// table is validated here; a container that fails is left out with a notice naming its uuid.
/// </summary>
internal static partial class RoutingTableBuilder
{
    /// <param name="heldHosts">Host → stack as the previous build left it: between equal claims, the holder keeps its host.</param>
    public static RoutingResult Build(
        IReadOnlyList<ContainerDto> containers, ServiceMetadata service, RoutingOptions options, IReadOnlyDictionary<string, string>? heldHosts = null)
    {
        var notices = new List<RoutingNotice>();
        var labelled = SelectLabelledContainers(containers, options, notices);
        var stacks = labelled
            .GroupBy(container => container.Stack, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new KnownStack(group.Key, group.ToList()))
            .ToList();
        var owners = HostClaims.Resolve(Claims(stacks, service, options, notices), heldHosts, options.ReservedHost, notices);
        var backendNames = BackendNames.Assign(stacks.Select(stack => stack.Name).ToList());

        // Each stack's hosts, looked up once: scanning every owner per stack made a build quadratic
        // in the stacks (5,000 single-container stacks took 0.7 s, 10,000 took 3 s).
        var hostsByStack = owners.Values.ToLookup(claim => claim.Stack, StringComparer.Ordinal);

        var backends = new List<StackBackend>();
        var protectedBackends = new List<StackBackend>();
        var statuses = new List<StackStatus>();
        foreach (var stack in stacks)
        {
            var (stackBackends, status) = BuildStack(stack, hostsByStack[stack.Name], backendNames[stack.Name], options, notices);
            backends.AddRange(stackBackends);
            protectedBackends.AddRange(status.Protected ? stackBackends : []);
            statuses.Add(status);
        }

        var table = new RoutingTable(backends.OrderBy(backend => backend.Name, StringComparer.Ordinal).ToList())
        {
            AuthHosts = AuthHosts(protectedBackends, options),
        };
        var held = owners.ToDictionary(pair => pair.Key, pair => pair.Value.Stack, StringComparer.Ordinal);
        return new RoutingResult(table, notices, statuses, held);
    }

    /// <summary>One stack's backends and its status, protection included.</summary>
    private static (List<StackBackend> Backends, StackStatus Status) BuildStack(
        KnownStack stack, IEnumerable<HostClaim> owned, string backendName, RoutingOptions options, List<RoutingNotice> notices)
    {
        var hosts = HostsOf(stack, owned, options);
        var status = new StackStatus(
            stack.Name,
            hosts.Select(host => new HostStatus(host.Host, ContainerCounts.Of(host.Containers.Select(container => container.Reason)))).ToList(),
            ContainerCounts.Of(stack.Containers.Select(container => container.Reason)),
            IndexLabels(stack, options))
        {
            Protected = IsProtected(stack, options, notices),
        };
        return (Backends(stack, hosts, backendName, options).ToList(), status);
    }

    /// <summary>Every host each stack asks for: its containers' names (the stack's own by default) and its aliases.</summary>
    private static List<HostClaim> Claims(List<KnownStack> stacks, ServiceMetadata service, RoutingOptions options, List<RoutingNotice> notices)
    {
        var claims = new List<HostClaim>();
        var byLowerName = stacks
            .GroupBy(stack => stack.Name.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        foreach (var stack in stacks)
        {
            var own = HostsLabel.OwnHost(stack.Name, options);
            foreach (var host in stack.Containers.SelectMany(container => container.Hosts).Distinct(StringComparer.Ordinal))
            {
                claims.Add(new HostClaim(host, stack.Name, host == own ? HostRank.Own : HostRank.Label));
            }
        }

        foreach (var (aliasStack, names) in service.Aliases.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (byLowerName.TryGetValue(aliasStack.ToLowerInvariant(), out var stack))
            {
                claims.AddRange(AliasClaims(stack, aliasStack, names, options, notices));
            }
        }

        return claims;
    }

    /// <summary>Aliases reach the containers on the stack's own name; a stack with none there gets none.</summary>
    private static IEnumerable<HostClaim> AliasClaims(
        KnownStack stack, string aliasStack, IReadOnlyList<string> names, RoutingOptions options, List<RoutingNotice> notices)
    {
        var own = HostsLabel.OwnHost(stack.Name, options);
        var onOwnName = stack.Containers.Any(container => container.Hosts.Contains(own));
        foreach (var name in names)
        {
            if (!RoutingValidation.IsDnsName(name))
            {
                notices.Add(new RoutingNotice(true, $"alias={Printable(name)}", $"aliases.{Printable(aliasStack)}", "not a valid DNS name; skipped"));
            }
            else if (!onOwnName)
            {
                notices.Add(new RoutingNotice(true, $"alias={name}", $"aliases.{Printable(aliasStack)}", $"no container of stack {stack.Name} serves {own}; skipped"));
            }
            else
            {
                yield return new HostClaim($"{name.ToLowerInvariant()}.{options.StackDomain}", stack.Name, HostRank.Alias);
            }
        }
    }

    /// <summary>INDEX_LABELS values: for each, the first container in uuid order that carries it.</summary>
    private static List<KeyValuePair<string, string>> IndexLabels(KnownStack stack, RoutingOptions options)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var label in options.IndexLabels)
        {
            var value = stack.Containers.Select(container => container.Labels.GetValueOrDefault(label)).FirstOrDefault(value => value is not null);
            if (value is not null)
            {
                values.Add(new KeyValuePair<string, string>(label, value));
            }
        }

        return values;
    }

    private static string Printable(string? value) => RoutingValidation.Printable(value);

    private sealed record KnownStack(string Name, List<LabelledContainer> Containers);
}

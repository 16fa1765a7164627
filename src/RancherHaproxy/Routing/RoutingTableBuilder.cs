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
    /// <param name="memo">What the previous build computed, taken where its inputs are the same objects (the sync loop's; tests build without).</param>
    public static RoutingResult Build(
        IReadOnlyList<ContainerDto> containers, ServiceMetadata service, RoutingOptions options,
        IReadOnlyDictionary<string, string>? heldHosts = null, Memo? memo = null)
    {
        memo?.Start(options);
        var notices = new List<RoutingNotice>();
        var stacks = memo?.TryStacks(containers, options, notices) ?? Stacks(SelectLabelledContainers(containers, options, notices, memo), options, memo);
        var owners = HostClaims.Resolve(Claims(stacks, service, options, notices), heldHosts, options.ReservedHost, notices);
        var backendNames = BackendNames.Assign(
            stacks.ConvertAll(stack => stack.Stack.Name), stacks.ConvertAll(stack => stack.LowerName), stacks.ConvertAll(stack => stack.PlainBackendName));

        // Each stack's hosts, looked up once: scanning every owner per stack made a build quadratic
        // in the stacks (5,000 single-container stacks took 0.7 s, 10,000 took 3 s).
        var hostsByStack = new Dictionary<string, List<HostClaim>>(stacks.Count, StringComparer.Ordinal);
        foreach (var claim in owners.Values)
        {
            if (!hostsByStack.TryGetValue(claim.Stack, out var won))
            {
                hostsByStack[claim.Stack] = won = [];
            }

            won.Add(claim);
        }

        var backends = new List<StackBackend>();
        var protectedBackends = new List<StackBackend>();
        var statuses = new List<StackStatus>(stacks.Count);
        for (var index = 0; index < stacks.Count; index++)
        {
            var stack = stacks[index];
            var (stackBackends, status) = BuildStack(stack, hostsByStack.GetValueOrDefault(stack.Stack.Name) ?? [], backendNames[index], options, notices, memo);
            backends.AddRange(stackBackends);
            if (status.Protected)
            {
                protectedBackends.AddRange(stackBackends);
            }

            statuses.Add(status);
        }

        // Stacks come in name order and `stack_<name in lower case>` mostly keeps it: checking spares
        // a sort of every backend (a fifteenth of a 20,000-stack build).
        if (!InNameOrder(backends))
        {
            backends.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name));
        }

        var table = new RoutingTable(backends)
        {
            AuthHosts = AuthHosts(protectedBackends, options),
        };
        memo?.Finish();
        return new RoutingResult(table, notices, statuses, new HeldHosts(owners));
    }

    /// <summary>The stacks in name order, each with its containers in uuid order and the hosts they ask for.</summary>
    private static List<StackMemo> Stacks(List<LabelledContainer> labelled, RoutingOptions options, Memo? memo)
    {
        var byName = new Dictionary<string, List<LabelledContainer>>(StringComparer.Ordinal);
        foreach (var container in labelled)
        {
            if (!byName.TryGetValue(container.Stack, out var members))
            {
                byName[container.Stack] = members = [];
            }

            members.Add(container);
        }

        var names = byName.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        var stacks = new List<StackMemo>(names.Length);
        foreach (var name in names)
        {
            var members = byName[name];
            stacks.Add(memo?.For(name, members, options) ?? NewStack(name, members, options));
        }

        memo?.Grouped(stacks);
        return stacks;
    }

    private static StackMemo NewStack(string name, List<LabelledContainer> containers, RoutingOptions options)
    {
        var own = HostsLabel.OwnHost(name, options);
        var claims = containers
            .SelectMany(container => container.Hosts)
            .Distinct(StringComparer.Ordinal)
            .Select(host => new HostClaim(host, name, host == own ? HostRank.Own : HostRank.Label))
            .ToList();
        return new StackMemo(new KnownStack(name, containers), claims);
    }

    /// <summary>As <see cref="BuildStack(KnownStack, IEnumerable{HostClaim}, string, RoutingOptions, List{RoutingNotice})"/>, or as the last build left it when its hosts and backend name are the same.</summary>
    private static (List<StackBackend> Backends, StackStatus Status) BuildStack(
        StackMemo stack, List<HostClaim> owned, string backendName, RoutingOptions options, List<RoutingNotice> notices, Memo? memo)
    {
        if (stack.Built is { } built && built.BackendName == backendName && built.Owned.SequenceEqual(owned))
        {
            memo?.TookStack();
            notices.AddRange(built.Notices);
            return (built.Backends, built.Status);
        }

        var before = notices.Count;
        var (backends, status) = BuildStack(stack.Stack, owned, backendName, options, notices);
        stack.Built = (owned, backendName, backends, status, notices.Count == before ? [] : [.. notices.Skip(before)]);
        return (backends, status);
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
    private static List<HostClaim> Claims(List<StackMemo> stacks, ServiceMetadata service, RoutingOptions options, List<RoutingNotice> notices)
    {
        var claims = new List<HostClaim>(stacks.Count);
        foreach (var stack in stacks)
        {
            claims.AddRange(stack.OwnClaims);
        }

        if (service.Aliases.Count == 0)
        {
            return claims;
        }

        var byLowerName = stacks
            .Select(stack => stack.Stack)
            .GroupBy(stack => stack.Name.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
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

    private static bool InNameOrder(List<StackBackend> backends)
    {
        for (var index = 1; index < backends.Count; index++)
        {
            if (string.CompareOrdinal(backends[index - 1].Name, backends[index].Name) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string Printable(string? value) => RoutingValidation.Printable(value);

    internal sealed record KnownStack(string Name, List<LabelledContainer> Containers);
}

using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Routing;

/// <summary>
/// Metadata in, routing table out: pure, no I/O, clock or environment. Every value that reaches the
/// table is validated here; a container that fails is left out with a notice naming its uuid.
/// </summary>
internal static partial class RoutingTableBuilder
{
    public static RoutingResult Build(IReadOnlyList<ContainerDto> containers, ServiceMetadata service, RoutingOptions options)
    {
        var notices = new List<RoutingNotice>();
        var routed = SelectRoutedContainers(containers, options, notices);
        var stacks = routed
            .GroupBy(container => container.Stack, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToList();
        var backendNames = BackendNames.Assign(stacks.Select(group => group.Key).ToList());
        var hosts = AssignHosts(stacks.Select(group => group.Key).ToList(), service, options, notices);

        var backends = stacks
            .Select(group => new StackBackend(
                backendNames[group.Key],
                group.Key,
                hosts.TryGetValue(group.Key, out var stackHosts) ? stackHosts : [],
                group.Select(container => container.Server).OrderBy(server => server.Name, StringComparer.Ordinal).ToList()))
            .OrderBy(backend => backend.Name, StringComparer.Ordinal)
            .ToList();
        return new RoutingResult(new RoutingTable(backends), notices);
    }

    /// <summary>
    /// Host names per stack: `stack.domain` first, then aliases. A host claimed twice goes to the
    /// stack first in ordinal order; the other is told. Ordinal order keeps the result stable.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> AssignHosts(
        List<string> stacks, ServiceMetadata service, RoutingOptions options, List<RoutingNotice> notices)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stack in stacks)
        {
            Claim(owners, $"{stack.ToLowerInvariant()}.{options.StackDomain}", stack, $"stack={stack}", notices);
        }

        var byLowerName = stacks
            .GroupBy(stack => stack.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        foreach (var (aliasStack, names) in service.Aliases.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!byLowerName.TryGetValue(aliasStack.ToLowerInvariant(), out var stack))
            {
                continue;
            }

            foreach (var name in names)
            {
                if (!RoutingValidation.IsDnsName(name))
                {
                    notices.Add(new RoutingNotice(true, $"alias={Printable(name)}", $"aliases.{Printable(aliasStack)}", "not a valid DNS name; skipped"));
                    continue;
                }

                Claim(owners, $"{name.ToLowerInvariant()}.{options.StackDomain}", stack, $"alias={name}", notices);
            }
        }

        return owners
            .GroupBy(pair => pair.Value, StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => (IReadOnlyList<string>)group.Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList(),
                StringComparer.Ordinal);
    }

    private static void Claim(Dictionary<string, string> owners, string host, string stack, string subject, List<RoutingNotice> notices)
    {
        if (host.Length > 253)
        {
            notices.Add(new RoutingNotice(true, subject, "host", $"host {host} is longer than 253 characters; skipped"));
            return;
        }

        if (owners.TryGetValue(host, out var owner))
        {
            if (owner != stack)
            {
                notices.Add(new RoutingNotice(true, subject, "host", $"host {host} already routes to stack {owner}; skipped"));
            }

            return;
        }

        owners[host] = stack;
    }

    /// <summary>Metadata strings in a notice: control characters and length kept in check.</summary>
    private static string Printable(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = value.Length > 80 ? value[..80] + "…" : value;
        return new string(text.Select(character => char.IsControl(character) ? '?' : character).ToArray());
    }
}

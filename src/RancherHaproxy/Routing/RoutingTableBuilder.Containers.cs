using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Routing;

/// <summary>Which containers are routed, and why the others are not.</summary>
internal static partial class RoutingTableBuilder
{
    private static readonly HashSet<string> RoutedStates = new(StringComparer.Ordinal) { "running", "updating-running" };

    private static readonly HashSet<string> HealthyStates = new(StringComparer.Ordinal) { "healthy", "updating-healthy" };

    /// <summary>Not running yet, but on the way: the index and the answers say "starting".</summary>
    private static readonly HashSet<string> StartingStates = new(StringComparer.Ordinal) { "creating", "requested", "starting", "restarting", "migrating" };

    private static readonly HashSet<string> InitialisingHealth = new(StringComparer.Ordinal) { "initializing", "reinitializing", "updating-reinitializing" };

    /// <summary>Every container that carries the port label and belongs to a valid stack, in uuid order, routable or not.</summary>
    private static List<LabelledContainer> SelectLabelledContainers(
        IReadOnlyList<ContainerDto> containers, RoutingOptions options, List<RoutingNotice> notices, Memo? memo)
    {
        var routed = new List<LabelledContainer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in InStableOrder(containers, options))
        {
            if (container.Labels is null || !container.Labels.TryGetValue(options.PortLabel, out var portLabel))
            {
                continue;
            }

            var candidate = Examine(container, portLabel, options, notices, memo);
            memo?.Saw(container);
            if (candidate is null)
            {
                continue;
            }

            if (!seen.Add(candidate.Uuid))
            {
                notices.Add(new RoutingNotice(true, $"container={candidate.Uuid}", "uuid", "listed twice; the second is skipped"));
                continue;
            }

            routed.Add(candidate);
        }

        return routed;
    }

    /// <summary>
    /// By uuid, then by everything else routing reads: when one uuid is listed twice with different
    /// fields, the same copy wins however the service ordered the list (its order is random). One
    /// comparison that looks past the uuid only on a tie, and the position last (as a stable sort):
    /// a ten-key LINQ sort built ten key arrays per answer (a fifth of a 5,000-container build).
    /// </summary>
    private static ContainerDto[] InStableOrder(IReadOnlyList<ContainerDto> containers, RoutingOptions options)
    {
        // Each uuid's first four characters as one number, in the same order: most comparisons are
        // of two numbers in one array instead of two strings wherever the answer put them.
        var entries = new (ulong Key, int Position)[containers.Count];
        for (var index = 0; index < entries.Length; index++)
        {
            entries[index] = (UuidKey(containers[index].Uuid), index);
        }

        var hostsLabel = options.HostsLabel;
        Array.Sort(entries, (left, right) =>
            left.Key != right.Key ? left.Key.CompareTo(right.Key)
            : Compare(containers[left.Position], containers[right.Position], options, hostsLabel) is var order and not 0 ? order
            : left.Position.CompareTo(right.Position));
        var sorted = new ContainerDto[entries.Length];
        for (var index = 0; index < sorted.Length; index++)
        {
            sorted[index] = containers[entries[index].Position];
        }

        return sorted;
    }

    /// <summary>
    /// The first four UTF-16 units, the first the highest, a missing one as zero: for ordinal order,
    /// a &lt; b gives UuidKey(a) &lt;= UuidKey(b) (null first); equal keys are compared in full.
    /// </summary>
    private static ulong UuidKey(string? uuid)
    {
        ulong key = 0;
        for (var index = 0; index < 4; index++)
        {
            key = (key << 16) | (uuid is not null && index < uuid.Length ? uuid[index] : 0u);
        }

        return key;
    }

    private static int Compare(ContainerDto left, ContainerDto right, RoutingOptions options, string hostsLabel)
    {
        var order = string.CompareOrdinal(left.Uuid, right.Uuid);
        if (order != 0 || ReferenceEquals(left, right))
        {
            return order;
        }

        int[] orders =
        [
            string.CompareOrdinal(left.StackName, right.StackName),
            string.CompareOrdinal(left.ServiceName, right.ServiceName),
            string.CompareOrdinal(left.PrimaryIp, right.PrimaryIp),
            string.CompareOrdinal(left.State, right.State),
            string.CompareOrdinal(left.HealthState, right.HealthState),
            string.CompareOrdinal(left.Labels?.GetValueOrDefault(options.PortLabel), right.Labels?.GetValueOrDefault(options.PortLabel)),
            string.CompareOrdinal(left.Labels?.GetValueOrDefault(options.ProxyLabel), right.Labels?.GetValueOrDefault(options.ProxyLabel)),
            string.CompareOrdinal(left.Labels?.GetValueOrDefault(hostsLabel), right.Labels?.GetValueOrDefault(hostsLabel)),
            string.CompareOrdinal(left.Name, right.Name),
        ];
        return orders.FirstOrDefault(tie => tie != 0);
    }

    /// <summary>As <see cref="Examine(ContainerDto, string?, RoutingOptions, List{RoutingNotice})"/>, or as the last build found this very container.</summary>
    private static LabelledContainer? Examine(ContainerDto container, string? portLabel, RoutingOptions options, List<RoutingNotice> notices, Memo? memo)
    {
        if (memo is null)
        {
            return Examine(container, portLabel, options, notices);
        }

        if (memo.TryGet(container, out var examined))
        {
            notices.AddRange(examined.Notices);
            return examined.Candidate;
        }

        var before = notices.Count;
        var candidate = Examine(container, portLabel, options, notices);
        memo.Add(container, new Examined(candidate, notices.Count == before ? [] : [.. notices.Skip(before)]));
        return candidate;
    }

    private static LabelledContainer? Examine(ContainerDto container, string? portLabel, RoutingOptions options, List<RoutingNotice> notices)
    {
        if (!RoutingValidation.IsUuid(container.Uuid))
        {
            notices.Add(new RoutingNotice(true, $"container={Printable(container.Uuid)}", "uuid", $"not a valid uuid (name={Printable(container.Name)}); skipped"));
            return null;
        }

        var subject = $"container={container.Uuid}";
        if (!RoutingValidation.IsDnsLabel(container.StackName))
        {
            var reason = container.StackName is null ? "is a standalone container (no stack)" : $"stack name '{Printable(container.StackName)}' is not a DNS label";
            notices.Add(new RoutingNotice(true, subject, "stack_name", reason + "; skipped"));
            return null;
        }

        var hosts = HostsLabel.Parse(container.Labels!.GetValueOrDefault(options.HostsLabel), container.StackName!, container.ServiceName, options, subject, notices);
        var (problem, why) = FindProblem(container, portLabel, options, out var port, out var address);
        if (problem is not null)
        {
            notices.Add(problem with { Subject = subject });
            return new LabelledContainer(container.StackName!, container.Uuid!, hosts, why, null, container.Labels!);
        }

        if (hosts.Count == 0)
        {
            notices.Add(new RoutingNotice(true, subject, $"label {options.HostsLabel}", "names no valid host; not routed"));
            return new LabelledContainer(container.StackName!, container.Uuid!, hosts, ContainerReason.BadLabel, null, container.Labels!);
        }

        var service = string.IsNullOrEmpty(container.ServiceName) ? "container" : RoutingValidation.SanitiseName(container.ServiceName);
        var server = new BackendServer($"{service}_{container.Uuid}", container.Uuid!, address, port, ProxyKeyword(container, options, subject, notices));
        return new LabelledContainer(container.StackName!, container.Uuid!, hosts, ContainerReason.Ready, server, container.Labels!);
    }

    /// <summary>The first reason not to route the container, or null. Ordinary states are not warnings.</summary>
    private static (RoutingNotice? Notice, ContainerReason Reason) FindProblem(
        ContainerDto container, string? portLabel, RoutingOptions options, out int port, out string address)
    {
        address = string.Empty;
        if (!RoutingValidation.TryParsePort(portLabel, out port))
        {
            return (new RoutingNotice(true, string.Empty, $"label {options.PortLabel}", $"'{Printable(portLabel)}' is not a port from 1 to 65535; skipped"), ContainerReason.BadLabel);
        }

        if (container.State is null || !RoutedStates.Contains(container.State))
        {
            var reason = container.State is not null && StartingStates.Contains(container.State) ? ContainerReason.Starting : ContainerReason.Stopped;
            return (new RoutingNotice(false, string.Empty, "state", $"state is {Printable(container.State)}, not running"), reason);
        }

        if (options.HealthFilter && container.HealthState is not null && !HealthyStates.Contains(container.HealthState))
        {
            var reason = InitialisingHealth.Contains(container.HealthState) ? ContainerReason.Starting : ContainerReason.Unhealthy;
            return (new RoutingNotice(false, string.Empty, "health_state", $"health_state is {Printable(container.HealthState)}"), reason);
        }

        if (string.IsNullOrEmpty(container.PrimaryIp))
        {
            return (new RoutingNotice(false, string.Empty, "primary_ip", "has no IP address yet"), ContainerReason.NoIp);
        }

        if (!RoutingValidation.TryFormatAddress(container.PrimaryIp, out address))
        {
            return (new RoutingNotice(true, string.Empty, "primary_ip", $"'{Printable(container.PrimaryIp)}' is not an IP address; skipped"), ContainerReason.NoIp);
        }

        return (null, ContainerReason.Ready);
    }

    private static string? ProxyKeyword(ContainerDto container, RoutingOptions options, string subject, List<RoutingNotice> notices)
    {
        if (!container.Labels!.TryGetValue(options.ProxyLabel, out var keyword) || string.IsNullOrEmpty(keyword))
        {
            return null;
        }

        if (RoutingValidation.ProxyKeywords.Contains(keyword))
        {
            return keyword;
        }

        notices.Add(new RoutingNotice(true, subject, $"label {options.ProxyLabel}", $"'{Printable(keyword)}' is not one of {string.Join(", ", RoutingValidation.ProxyKeywords)}; ignored"));
        return null;
    }

    /// <summary>A container that carries the port label, in a valid stack: its hosts, and its server when it is routable.</summary>
    internal sealed record LabelledContainer(
        string Stack, string Uuid, IReadOnlyList<string> Hosts, ContainerReason Reason, BackendServer? Server, IReadOnlyDictionary<string, string?> Labels);
}

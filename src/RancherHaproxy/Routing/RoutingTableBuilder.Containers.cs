using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Routing;

/// <summary>Which containers are routed, and why the others are not.</summary>
internal static partial class RoutingTableBuilder
{
    private static readonly HashSet<string> RoutedStates = new(StringComparer.Ordinal) { "running", "updating-running" };

    private static readonly HashSet<string> HealthyStates = new(StringComparer.Ordinal) { "healthy", "updating-healthy" };

    private static List<RoutedContainer> SelectRoutedContainers(
        IReadOnlyList<ContainerDto> containers, RoutingOptions options, List<RoutingNotice> notices)
    {
        var routed = new List<RoutedContainer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in InStableOrder(containers, options))
        {
            if (container.Labels is null || !container.Labels.TryGetValue(options.PortLabel, out var portLabel))
            {
                continue;
            }

            var candidate = Examine(container, portLabel, options, notices);
            if (candidate is null)
            {
                continue;
            }

            if (!seen.Add(candidate.Server.ContainerUuid))
            {
                notices.Add(new RoutingNotice(true, $"container={candidate.Server.ContainerUuid}", "uuid", "listed twice; the second is skipped"));
                continue;
            }

            routed.Add(candidate);
        }

        return routed;
    }

    /// <summary>
    /// By uuid, then by everything else routing reads: when one uuid is listed twice with different
    /// fields, the same copy wins however the service ordered the list (its order is random).
    /// </summary>
    private static IEnumerable<ContainerDto> InStableOrder(IReadOnlyList<ContainerDto> containers, RoutingOptions options) =>
        containers
            .OrderBy(container => container.Uuid, StringComparer.Ordinal)
            .ThenBy(container => container.StackName, StringComparer.Ordinal)
            .ThenBy(container => container.ServiceName, StringComparer.Ordinal)
            .ThenBy(container => container.PrimaryIp, StringComparer.Ordinal)
            .ThenBy(container => container.State, StringComparer.Ordinal)
            .ThenBy(container => container.HealthState, StringComparer.Ordinal)
            .ThenBy(container => container.Labels?.GetValueOrDefault(options.PortLabel), StringComparer.Ordinal)
            .ThenBy(container => container.Labels?.GetValueOrDefault(options.ProxyLabel), StringComparer.Ordinal)
            .ThenBy(container => container.Name, StringComparer.Ordinal);

    private static RoutedContainer? Examine(ContainerDto container, string? portLabel, RoutingOptions options, List<RoutingNotice> notices)
    {
        if (!RoutingValidation.IsUuid(container.Uuid))
        {
            notices.Add(new RoutingNotice(true, $"container={Printable(container.Uuid)}", "uuid", $"not a valid uuid (name={Printable(container.Name)}); skipped"));
            return null;
        }

        var subject = $"container={container.Uuid}";
        var problem = FindProblem(container, portLabel, options, out var port, out var address);
        if (problem is not null)
        {
            notices.Add(problem with { Subject = subject });
            return null;
        }

        var service = string.IsNullOrEmpty(container.ServiceName) ? "container" : RoutingValidation.SanitiseName(container.ServiceName);
        var server = new BackendServer($"{service}_{container.Uuid}", container.Uuid!, address, port, ProxyKeyword(container, options, subject, notices));
        return new RoutedContainer(container.StackName!, server);
    }

    /// <summary>The first reason not to route the container, or null. Ordinary states are not warnings.</summary>
    private static RoutingNotice? FindProblem(ContainerDto container, string? portLabel, RoutingOptions options, out int port, out string address)
    {
        address = string.Empty;
        if (!RoutingValidation.TryParsePort(portLabel, out port))
        {
            return new RoutingNotice(true, string.Empty, $"label {options.PortLabel}", $"'{Printable(portLabel)}' is not a port from 1 to 65535; skipped");
        }

        if (container.State is null || !RoutedStates.Contains(container.State))
        {
            return new RoutingNotice(false, string.Empty, "state", $"state is {Printable(container.State)}, not running");
        }

        if (options.HealthFilter && container.HealthState is not null && !HealthyStates.Contains(container.HealthState))
        {
            return new RoutingNotice(false, string.Empty, "health_state", $"health_state is {Printable(container.HealthState)}");
        }

        if (string.IsNullOrEmpty(container.PrimaryIp))
        {
            return new RoutingNotice(false, string.Empty, "primary_ip", "has no IP address yet");
        }

        if (!RoutingValidation.TryFormatAddress(container.PrimaryIp, out address))
        {
            return new RoutingNotice(true, string.Empty, "primary_ip", $"'{Printable(container.PrimaryIp)}' is not an IP address; skipped");
        }

        if (!RoutingValidation.IsDnsLabel(container.StackName))
        {
            var reason = container.StackName is null ? "is a standalone container (no stack)" : $"stack name '{Printable(container.StackName)}' is not a DNS label";
            return new RoutingNotice(true, string.Empty, "stack_name", reason + "; skipped");
        }

        return null;
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

    private sealed record RoutedContainer(string Stack, BackendServer Server);
}

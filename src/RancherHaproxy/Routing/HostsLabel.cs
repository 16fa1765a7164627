namespace RancherHaproxy.Routing;

/// <summary>
/// `$RANCHER_LABEL.hosts`: the comma-separated host names of a container's service. `{stack}` and
/// `{service}` expand; a name without a dot lives under STACK_DOMAIN; a name with dots must end with
/// STACK_DOMAIN or one of EXTRA_DOMAINS. Absent or empty: the stack's own name, as before the label.
/// </summary>
internal static class HostsLabel
{
    public const string StackPlaceholder = "{stack}";

    public const string ServicePlaceholder = "{service}";

    /// <summary>The host names (lower case, distinct, in label order); each refused name adds a warning.</summary>
    public static IReadOnlyList<string> Parse(
        string? value, string stack, string? service, RoutingOptions options, string subject, List<RoutingNotice> notices)
    {
        var own = OwnHost(stack, options);
        if (string.IsNullOrWhiteSpace(value))
        {
            return [own];
        }

        var hosts = new List<string>();
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var expanded = entry
                .Replace(StackPlaceholder, stack.ToLowerInvariant(), StringComparison.Ordinal)
                .Replace(ServicePlaceholder, service?.ToLowerInvariant() ?? string.Empty, StringComparison.Ordinal)
                .ToLowerInvariant();
            var problem = Problem(expanded, options, out var host);
            if (problem is not null)
            {
                notices.Add(new RoutingNotice(true, subject, $"label {options.HostsLabel}", $"'{RoutingValidation.Printable(entry)}' {problem}; skipped"));
            }
            else if (!hosts.Contains(host))
            {
                hosts.Add(host);
            }
        }

        return hosts;
    }

    /// <summary>`stack.STACK_DOMAIN`, lower case.</summary>
    public static string OwnHost(string stack, RoutingOptions options) => $"{stack.ToLowerInvariant()}.{options.StackDomain}";

    private static string? Problem(string name, RoutingOptions options, out string host)
    {
        host = string.Empty;
        if (!name.Contains('.', StringComparison.Ordinal))
        {
            if (!RoutingValidation.IsDnsLabel(name))
            {
                return "is not a valid host name";
            }

            host = $"{name}.{options.StackDomain}";
        }
        else if (!RoutingValidation.IsDnsName(name))
        {
            return "is not a valid host name";
        }
        else if (!name.EndsWith("." + options.StackDomain, StringComparison.Ordinal)
            && !options.ExtraDomains.Any(domain => name.EndsWith("." + domain, StringComparison.Ordinal)))
        {
            return "is outside STACK_DOMAIN and EXTRA_DOMAINS";
        }
        else
        {
            host = name;
        }

        return host.Length > 253 ? "is longer than 253 characters" : null;
    }
}

namespace RancherHaproxy.Routing;

/// <summary>The settings routing depends on.</summary>
/// <param name="StackDomain">Lower-case; hosts are `stack.StackDomain`.</param>
/// <param name="PortLabel">RANCHER_LABEL: the label that marks a container as routed; its value is the port.</param>
/// <param name="ProxyLabel">RANCHER_PROXY_LABEL: a label whose value adds a send-proxy keyword.</param>
/// <param name="HealthFilter">HEALTH_FILTER: route only containers without a health check or healthy.</param>
internal sealed record RoutingOptions(string StackDomain, string PortLabel, string ProxyLabel, bool HealthFilter)
{
    /// <summary>`$RANCHER_LABEL.hosts`: the host names of a container's service.</summary>
    public string HostsLabel => PortLabel + ".hosts";

    /// <summary>`$RANCHER_LABEL.auth`: `on` or `off`, a stack's own choice of protection.</summary>
    public string AuthLabel => PortLabel + ".auth";

    /// <summary>AUTH_DEFAULT: whether a stack that says nothing requires credentials.</summary>
    public bool AuthDefault { get; init; }

    /// <summary>AUTH_ALLOW_OPT_OUT: whether `off` may switch protection off.</summary>
    public bool AuthAllowOptOut { get; init; }

    /// <summary>EXTRA_DOMAINS: besides STACK_DOMAIN, the domains a `.hosts` name with dots may end with (lower case).</summary>
    public IReadOnlyList<string> ExtraDomains { get; init; } = [];

    /// <summary>INDEX_HOST, which no stack may take; null when the index is off.</summary>
    public string? ReservedHost { get; init; }

    /// <summary>INDEX_LABELS: container labels whose values the index shows per stack.</summary>
    public IReadOnlyList<string> IndexLabels { get; init; } = [];
}

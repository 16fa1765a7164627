namespace RancherHaproxy.Routing;

/// <summary>How strong a stack's claim to a host is: a lower value wins a conflict.</summary>
internal enum HostRank
{
    /// <summary>From the load balancer's own service metadata: set by whoever runs the proxy.</summary>
    Alias,

    /// <summary>The stack's own name, `stack.STACK_DOMAIN`.</summary>
    Own,

    /// <summary>Declared by a container's `.hosts` label.</summary>
    Label,
}

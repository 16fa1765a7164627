namespace RancherHaproxy.Routing;

/// <summary>The settings routing depends on.</summary>
/// <param name="StackDomain">Lower-case; hosts are `stack.StackDomain`.</param>
/// <param name="PortLabel">RANCHER_LABEL: the label that marks a container as routed; its value is the port.</param>
/// <param name="ProxyLabel">RANCHER_PROXY_LABEL: a label whose value adds a send-proxy keyword.</param>
/// <param name="HealthFilter">HEALTH_FILTER: route only containers without a health check or healthy.</param>
internal sealed record RoutingOptions(string StackDomain, string PortLabel, string ProxyLabel, bool HealthFilter);

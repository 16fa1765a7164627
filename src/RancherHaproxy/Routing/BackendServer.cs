namespace RancherHaproxy.Routing;

/// <summary>One routed container. Every field is validated: safe to write into HAProxy's config as is.</summary>
/// <param name="Name">HAProxy server name: service name and container uuid, sanitised.</param>
/// <param name="Address">IPv4 dotted quad, or IPv6 in brackets.</param>
/// <param name="ProxyProtocol">One of the accepted send-proxy keywords, or null.</param>
internal sealed record BackendServer(
    string Name,
    string ContainerUuid,
    string Address,
    int Port,
    string? ProxyProtocol);

namespace RancherHaproxy.Pages;

/// <summary>The settings the pages depend on.</summary>
/// <param name="SocketPath">The unix socket HAProxy forwards page requests to ($HAPROXY_RUN_DIR/pages.sock).</param>
/// <param name="UnknownHostStatus">UNKNOWN_HOST_STATUS: 404 or 503.</param>
internal sealed record PageOptions(string SocketPath, int UnknownHostStatus);

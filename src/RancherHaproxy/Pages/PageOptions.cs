namespace RancherHaproxy.Pages;

/// <summary>The settings the pages depend on.</summary>
/// <param name="SocketPath">The unix socket HAProxy forwards page requests to ($HAPROXY_RUN_DIR/pages.sock).</param>
/// <param name="UnknownHostStatus">UNKNOWN_HOST_STATUS: 404 or 503.</param>
/// <param name="SocketGroupId">The group the socket gets (HAProxy's workers' group when they drop root), or null to keep the daemon's.</param>
internal sealed record PageOptions(string SocketPath, int UnknownHostStatus, uint? SocketGroupId = null);

namespace RancherHaproxy.Routing;

/// <summary>Why a container that carries RANCHER_LABEL takes no requests (or that it does).</summary>
internal enum ContainerReason
{
    Ready,
    Starting,
    Stopped,
    Unhealthy,
    NoIp,
    BadLabel,
}

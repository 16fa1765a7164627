namespace RancherHaproxy.Routing;

/// <summary>A host a stack owns, and the containers that serve it (it is routed when one of them is ready).</summary>
internal sealed record HostStatus(string Host, ContainerCounts Containers)
{
    public bool Ready => Containers.Ready > 0;
}

namespace RancherHaproxy.Pages;

/// <summary>A stack's (or host's) containers that carry RANCHER_LABEL: how many, and why those not routable are not.</summary>
internal sealed record ContainerCounts(int Total, int Ready, int Starting, int Stopped, int Unhealthy, int NoIp, int BadLabel)
{
    public static ContainerCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0);
}

namespace RancherHaproxy.Routing;

/// <summary>A stack's (or host's) containers that carry RANCHER_LABEL: how many, and why those not routable are not.</summary>
internal sealed record ContainerCounts(int Total, int Ready, int Starting, int Stopped, int Unhealthy, int NoIp, int BadLabel)
{
    public static ContainerCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public static ContainerCounts Of(IEnumerable<ContainerReason> reasons)
    {
        var counts = new int[6];
        var total = 0;
        foreach (var reason in reasons)
        {
            counts[(int)reason]++;
            total++;
        }

        return new ContainerCounts(total, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }
}

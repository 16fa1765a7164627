namespace RancherHaproxy.Routing;

/// <summary>The table built from metadata, what was skipped on the way, and every known stack's status.</summary>
/// <param name="HostOwners">Host → the stack that won it, routed or not: the next build's "held first".</param>
internal sealed record RoutingResult(
    RoutingTable Table,
    IReadOnlyList<RoutingNotice> Notices,
    IReadOnlyList<StackStatus> Stacks,
    IReadOnlyDictionary<string, string> HostOwners)
{
    public RoutingResult(RoutingTable table, IReadOnlyList<RoutingNotice> notices)
        : this(table, notices, [], new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }
}

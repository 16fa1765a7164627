namespace RancherHaproxy.Routing;

/// <summary>The table built from metadata, and what was skipped on the way.</summary>
internal sealed record RoutingResult(RoutingTable Table, IReadOnlyList<RoutingNotice> Notices);

namespace RancherHaproxy.Operations;

/// <summary>What the applied routes hold: counts, skipped containers by reason, and which backend serves each stack.</summary>
/// <param name="Table">The routing table that runs (stack backends by name).</param>
/// <param name="ServedBy">Wanted backend → the backend that serves it (a spare taken at run time); null: each serves itself.</param>
internal sealed record RoutesFacts(
    int Stacks, int Servers, int Hosts, Routing.ContainerCounts Skipped, Routing.RoutingTable Table, IReadOnlyDictionary<string, string>? ServedBy)
{
    public static RoutesFacts None { get; } = new(0, 0, 0, Routing.ContainerCounts.None, Routing.RoutingTable.Empty, null);
}

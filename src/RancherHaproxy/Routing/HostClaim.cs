namespace RancherHaproxy.Routing;

/// <summary>A stack asks for a host, with this strength.</summary>
internal sealed record HostClaim(string Host, string Stack, HostRank Rank);

namespace RancherHaproxy.Routing;

/// <summary>
/// Who gets a host that several stacks ask for: the strongest claim (alias, then the stack's own
/// name, then a label); between equals the stack that held it last time while it still asks for it,
/// else the smallest stack name (ordinal), so a restart decides the same way every time. A review
/// app can never take a live host from another stack with a claim of the same strength.
/// </summary>
internal static class HostClaims
{
    public static Dictionary<string, HostClaim> Resolve(
        IReadOnlyList<HostClaim> claims, IReadOnlyDictionary<string, string>? heldHosts, string? reservedHost, List<RoutingNotice> notices)
    {
        var owners = new Dictionary<string, HostClaim>(StringComparer.Ordinal);
        foreach (var group in claims.GroupBy(claim => claim.Host, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var host = group.Key;
            if (group.TryGetNonEnumeratedCount(out var count) && count == 1 && host != reservedHost && host.Length <= 253)
            {
                // The usual case, one stack asking: no contest to decide, and no grouping per host
                // (at 5,000 stacks those were a fifth of what a build allocated).
                owners[host] = group.First();
                continue;
            }

            var strongest = Strongest(group);
            if (host == reservedHost)
            {
                notices.AddRange(strongest.Select(claim => Notice(claim, $"host {host} is the INDEX_HOST; skipped")));
                continue;
            }

            if (host.Length > 253)
            {
                notices.AddRange(strongest.Select(claim => Notice(claim, $"host {host} is longer than 253 characters; skipped")));
                continue;
            }

            var best = strongest.Min(claim => claim.Rank);
            var contenders = strongest.Where(claim => claim.Rank == best).ToList();
            var holder = heldHosts?.GetValueOrDefault(host);
            var winner = contenders.FirstOrDefault(claim => claim.Stack == holder) ?? contenders[0];
            owners[host] = winner;
            notices.AddRange(strongest
                .Where(claim => claim.Stack != winner.Stack)
                .Select(claim => Notice(claim, $"host {host} already routes to stack {winner.Stack}; skipped")));
        }

        return owners;
    }

    /// <summary>One claim per stack, its strongest, in stack order.</summary>
    private static List<HostClaim> Strongest(IEnumerable<HostClaim> claims) =>
        claims
            .GroupBy(claim => claim.Stack, StringComparer.Ordinal)
            .Select(group => group.MinBy(claim => claim.Rank)!)
            .OrderBy(claim => claim.Stack, StringComparer.Ordinal)
            .ToList();

    private static RoutingNotice Notice(HostClaim claim, string reason) =>
        new(true, claim.Rank == HostRank.Alias ? $"alias={claim.Host}" : $"stack={claim.Stack}", "host", reason);
}

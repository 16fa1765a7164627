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
        // The first claim of each host, and every claim of a host asked for more than once (a
        // grouping per host was a fifth of what a 5,000-stack build allocated).
        var firsts = new Dictionary<string, HostClaim>(claims.Count, StringComparer.Ordinal);
        var contested = new Dictionary<string, List<HostClaim>>(StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            if (!firsts.TryAdd(claim.Host, claim))
            {
                if (!contested.TryGetValue(claim.Host, out var all))
                {
                    contested[claim.Host] = all = [firsts[claim.Host]];
                }

                all.Add(claim);
            }
        }

        // The usual host, one stack asking and nothing to refuse, is its claim's; only the others are
        // decided and reported, in host order (sorting every host was a tenth of a large build).
        var owners = new Dictionary<string, HostClaim>(firsts.Count, StringComparer.Ordinal);
        var decided = new List<string>();
        foreach (var (host, claim) in firsts)
        {
            if (contested.ContainsKey(host) || host == reservedHost || host.Length > 253)
            {
                decided.Add(host);
            }
            else
            {
                owners[host] = claim;
            }
        }

        decided.Sort(StringComparer.Ordinal);
        foreach (var host in decided)
        {
            var group = contested.GetValueOrDefault(host) ?? [firsts[host]];
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

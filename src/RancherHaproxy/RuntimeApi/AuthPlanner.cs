namespace RancherHaproxy.RuntimeApi;

/// <summary>
/// Pure: the auth map changes that turn the running protection into the wanted one. Additions and
/// realm changes come first in a plan, deletions last, so that no host routes unprotected in between.
/// </summary>
internal static class AuthPlanner
{
    /// <param name="live">Protected host → realm, as the worker has it.</param>
    /// <param name="wanted">Protected host → realm, as the new routing table wants it.</param>
    public static (List<RuntimeOperation> Protect, List<RuntimeOperation> Unprotect) Plan(
        IReadOnlyDictionary<string, string> live, IReadOnlyList<KeyValuePair<string, string>> wanted)
    {
        var protect = new List<RuntimeOperation>();
        var wantedHosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (host, realm) in wanted)
        {
            wantedHosts.Add(host);
            if (!live.TryGetValue(host, out var current))
            {
                protect.Add(RuntimeOperation.AddAuth(host, realm));
            }
            else if (current != realm)
            {
                protect.Add(RuntimeOperation.SetAuth(host, realm));
            }
        }

        var unprotect = live.Keys
            .Where(host => !wantedHosts.Contains(host))
            .Order(StringComparer.Ordinal)
            .Select(RuntimeOperation.DeleteAuth)
            .ToList();
        return (protect, unprotect);
    }
}

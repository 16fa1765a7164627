using System.Diagnostics.CodeAnalysis;

namespace RancherHaproxy.Routing;

/// <summary>
/// Host → the stack that won it, read straight from the build's host owners: copying 20,000 of
/// them into a dictionary of their own was a millisecond of every build.
/// </summary>
internal sealed class HeldHosts(Dictionary<string, HostClaim> owners) : IReadOnlyDictionary<string, string>
{
    public int Count => owners.Count;

    public IEnumerable<string> Keys => owners.Keys;

    public IEnumerable<string> Values => owners.Values.Select(claim => claim.Stack);

    public string this[string key] => owners[key].Stack;

    public bool ContainsKey(string key) => owners.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var found = owners.TryGetValue(key, out var claim);
        value = claim?.Stack;
        return found;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        owners.Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value.Stack)).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>One GET a <see cref="BackendListener"/> answered: its path with the query, and every header as it arrived.</summary>
internal sealed record ReceivedRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The value of header <paramref name="name"/> (case-insensitive), or null when the request had none.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

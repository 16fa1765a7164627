using RancherHaproxy.Routing;

namespace RancherHaproxy.Pages;

/// <summary>One stack on the index. Every string but the label values is a validated name.</summary>
/// <param name="Labels">INDEX_LABELS keys the stack carries, in INDEX_LABELS order, with their raw (unescaped) values.</param>
internal sealed record StackPage(
    string Name,
    bool Ready,
    IReadOnlyList<HostLink> Hosts,
    ContainerCounts Containers,
    DateTimeOffset FirstSeen,
    IReadOnlyList<KeyValuePair<string, string>> Labels)
{
    /// <summary>Its hosts ask for credentials (issue 13's access control).</summary>
    public bool Protected { get; init; }
}

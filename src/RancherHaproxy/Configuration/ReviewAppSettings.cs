namespace RancherHaproxy.Configuration;

/// <summary>The review-app settings: answers, extra domains, the index, consolidation.</summary>
/// <param name="UnknownHostStatus">UNKNOWN_HOST_STATUS: 404 (default) or 503 (the original image's).</param>
/// <param name="ExtraDomains">EXTRA_DOMAINS: lower case, without trailing dot.</param>
/// <param name="IndexHost">INDEX_HOST as a full host name (lower case), or null when the index is off.</param>
/// <param name="IndexAllow">INDEX_ALLOW: networks in CIDR notation (an address alone gets /32 or /128).</param>
/// <param name="IndexLabels">INDEX_LABELS: label keys.</param>
/// <param name="ConsolidateAfter">CONSOLIDATE_AFTER: zero means never.</param>
internal sealed record ReviewAppSettings(
    int UnknownHostStatus,
    IReadOnlyList<string> ExtraDomains,
    string? IndexHost,
    IReadOnlyList<string> IndexAllow,
    IReadOnlyList<string> IndexLabels,
    TimeSpan ConsolidateAfter)
{
    public static IReadOnlyList<string> DefaultIndexAllow { get; } = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8"];
}

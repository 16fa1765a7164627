namespace RancherHaproxy.Pages;

/// <summary>The parts of a request head the pages look at.</summary>
/// <param name="Path">The target's path, without query string; <c>*</c> for <c>OPTIONS *</c>.</param>
/// <param name="Page">The <c>X-Rancher-Haproxy-Page</c> header HAProxy sets (<c>index</c>), null when absent.</param>
internal sealed record PageRequest(string Method, string Path, string? Host, string? Accept, string? Page)
{
    public const string PageHeader = "X-Rancher-Haproxy-Page";

    public bool IsHead => Method == "HEAD";
}

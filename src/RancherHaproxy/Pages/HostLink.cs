namespace RancherHaproxy.Pages;

/// <summary>A stack's host name, the URL to open it, and whether a routable container serves it.</summary>
internal sealed record HostLink(string Host, string Url, bool Ready);

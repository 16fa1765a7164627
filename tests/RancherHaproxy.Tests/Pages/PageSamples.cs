using RancherHaproxy.Pages;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Tests.Pages;

/// <summary>Models and options the page tests share: two stacks, one ready, one not, with a hostile and a URL label.</summary>
internal static class PageSamples
{
    public const string HostileValue = "<script>alert(1)</script>\"'&";

    public const string UrlValue = "https://ci.example.com/job/app-r123?build=7&x='1'";

    public static DateTimeOffset GeneratedAt { get; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static PageOptions Options { get; } = new("/nonexistent/pages.sock", 404);

    public static ContainerCounts WebCounts { get; } = new(Total: 3, Ready: 0, Starting: 2, Stopped: 0, Unhealthy: 1, NoIp: 0, BadLabel: 0);

    public static StackPage App { get; } = new(
        "app-r123",
        Ready: true,
        [new HostLink("app-r123.example.com", "http://app-r123.example.com/", Ready: true)],
        new ContainerCounts(2, 2, 0, 0, 0, 0, 0),
        new DateTimeOffset(2026, 12, 1, 11, 59, 58, TimeSpan.Zero),
        [new("git.branch", "main"), new("ci.url", UrlValue)])
    {
        Protected = true,
    };

    public static StackPage Web { get; } = new(
        "web",
        Ready: false,
        [
            new HostLink("web.example.com", "http://web.example.com:8080/", Ready: false),
            new HostLink("api-web.example.com", "http://api-web.example.com:8080/", Ready: false),
        ],
        WebCounts,
        new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero),
        [new("git.branch", HostileValue), new("ci.url", "javascript:alert(1)")]);

    /// <summary>Loaded, the two stacks newest first, web's hosts not ready.</summary>
    public static PageModel TwoStacks { get; } = new(
        Loaded: true,
        GeneratedAt,
        [App, Web],
        new Dictionary<string, HostAnswer>(StringComparer.Ordinal)
        {
            ["web.example.com"] = new("web", WebCounts),
            ["api-web.example.com"] = new("web", WebCounts),
        });

    public static PageModel Loading { get; } = PageModel.Loading(GeneratedAt);

    /// <summary>The page's own headers as <c>Name: value</c>, in order.</summary>
    public static IEnumerable<string> HeaderLines(PageResponse response) =>
        response.Headers.Select(header => header.Key + ": " + header.Value);
}

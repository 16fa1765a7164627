namespace RancherHaproxy.Pages;

/// <summary>
/// The answer for a request no stack can serve (HAProxy's <c>no-route</c> backend): routes still
/// loading, an unknown host, or a known host whose stack has no routable container. Pure: the same
/// model, options and headers give the same bytes.
/// </summary>
internal static class AnswerPage
{
    private static readonly KeyValuePair<string, string> RetrySoon = new("Retry-After", "2");
    private static readonly KeyValuePair<string, string> RetryLater = new("Retry-After", "5");

    /// <summary>True when the Accept header asks for HTML (contains <c>text/html</c>, any case).</summary>
    public static bool WantsHtml(string? accept) =>
        accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <param name="host">The raw Host header, null when the request had none.</param>
    /// <param name="html">Whether the client wants HTML (<see cref="WantsHtml"/>); else one line of text.</param>
    public static PageResponse Render(PageModel model, PageOptions options, string? host, bool html)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (!model.Loaded)
        {
            return Answer(503, "Routes are loading", ReasonText.Loading, html, RetrySoon);
        }

        var name = HostHeader.Normalise(host);
        if (name is not null && model.NotReadyHosts.TryGetValue(name, out var notReady))
        {
            return Answer(503, "Stack not ready", ReasonText.NotReady(notReady), html, RetryLater);
        }

        return Answer(options.UnknownHostStatus, "Unknown host", ReasonText.UnknownHost(name), html);
    }

    private static PageResponse Answer(
        int status,
        string title,
        string sentence,
        bool html,
        params KeyValuePair<string, string>[] headers)
    {
        if (!html)
        {
            return PageResponse.PlainText(status, sentence, headers);
        }

        return new PageResponse(status, PageResponse.Html, [.. headers, PageResponse.NoStore], HtmlPage.Sentence(title, sentence));
    }
}

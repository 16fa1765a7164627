namespace RancherHaproxy.Pages;

/// <summary>
/// Which page a request gets. HAProxy marks index requests with <c>X-Rancher-Haproxy-Page: index</c>
/// (overwriting any client value); everything else reaching the daemon is an answer for a host no
/// stack serves, whatever its method and path. Pure.
/// </summary>
internal static class PageRouter
{
    public const string IndexPageName = "index";

    public static PageResponse BadRequest { get; } = PageResponse.PlainText(400, "Bad request");

    public static PageResponse HeadTooLarge { get; } = PageResponse.PlainText(431, "Request header fields too large");

    public static PageResponse NotFound { get; } = PageResponse.PlainText(404, "Not found");

    public static PageResponse MethodNotAllowed { get; } =
        PageResponse.PlainText(405, "Method not allowed", new KeyValuePair<string, string>("Allow", "GET, HEAD"));

    /// <param name="index">The index as rendered for <paramref name="model"/>, shared across requests.</param>
    public static PageResponse Route(PageRequest request, PageModel model, PageOptions options, IndexCache? index = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Page, IndexPageName, StringComparison.OrdinalIgnoreCase))
        {
            return AnswerPage.Render(model, options, request.Host, AnswerPage.WantsHtml(request.Accept));
        }

        if (request.Method is not ("GET" or "HEAD"))
        {
            return MethodNotAllowed;
        }

        return request.Path switch
        {
            "/" => index?.Html(model) ?? IndexPage.Render(model),
            "/stacks.json" => index?.Json(model) ?? StacksJson.Render(model),
            _ => NotFound,
        };
    }
}

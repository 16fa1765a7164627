using System.Globalization;
using System.Text;

namespace RancherHaproxy.Pages;

/// <summary>
/// The index (<c>INDEX_HOST</c>, <c>GET /</c>): every known stack, newest first, with its host links,
/// containers ready of total, ready or why not, first seen and the INDEX_LABELS values. Label values
/// are untrusted: escaped, and a link only when they are an absolute http(s) URL. Pure.
/// </summary>
internal static class IndexPage
{
    private const string Title = "Stacks";

    public static PageResponse Render(PageModel model) =>
        new(200, PageResponse.Html, [PageResponse.NoStore], HtmlPage.Document(Title, Body(model)));

    private static string Body(PageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var stacks = StackOrder.NewestFirst(model.Stacks);
        var html = new StringBuilder().Append("<h1>").Append(Title).Append("</h1>\n");
        html.Append("<p class=\"meta\">")
            .Append(stacks.Count.ToString(CultureInfo.InvariantCulture))
            .Append(stacks.Count == 1 ? " stack" : " stacks")
            .Append(", as of ").Append(PageTime.Format(model.GeneratedAt)).Append("</p>\n");
        if (!model.Loaded)
        {
            html.Append("<p>").Append(HtmlText.Encode(ReasonText.Loading)).Append("</p>\n");
        }

        foreach (var stack in stacks)
        {
            AppendStack(html, stack);
        }

        return html.ToString();
    }

    private static void AppendStack(StringBuilder html, StackPage stack)
    {
        html.Append("<section>\n<h2>").Append(HtmlText.Encode(stack.Name)).Append(' ')
            .Append(Readiness(stack)).Append("</h2>\n");
        if (stack.Hosts.Count > 0)
        {
            html.Append("<ul>\n");
            foreach (var host in stack.Hosts)
            {
                html.Append("<li><a href=\"").Append(HtmlText.Encode(host.Url)).Append("\">")
                    .Append(HtmlText.Encode(host.Host)).Append("</a>")
                    .Append(host.Ready ? string.Empty : " <span class=\"not-ready\">(not ready)</span>")
                    .Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        var counts = stack.Containers;
        html.Append("<dl>\n");
        Term(html, "Containers", string.Create(CultureInfo.InvariantCulture, $"{counts.Ready} of {counts.Total} ready"));
        Term(html, "First seen", PageTime.Format(stack.FirstSeen));
        Term(html, "Access", stack.Protected ? "credentials required" : "public");
        foreach (var (key, value) in stack.Labels)
        {
            html.Append("<dt>").Append(HtmlText.Encode(key)).Append("</dt><dd>")
                .Append(HtmlText.LinkOrText(value)).Append("</dd>\n");
        }

        html.Append("</dl>\n</section>\n");
    }

    private static string Readiness(StackPage stack)
    {
        if (stack.Ready)
        {
            return "<span class=\"ready\">ready</span>";
        }

        var reasons = ReasonText.Reasons(stack.Containers);
        var text = reasons.Length == 0 ? "not ready" : "not ready: " + reasons;
        return "<span class=\"not-ready\">" + HtmlText.Encode(text) + "</span>";
    }

    private static void Term(StringBuilder html, string term, string definition) =>
        html.Append("<dt>").Append(term).Append("</dt><dd>").Append(HtmlText.Encode(definition)).Append("</dd>\n");
}

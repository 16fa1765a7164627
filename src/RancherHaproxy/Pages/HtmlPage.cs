using System.Text;

namespace RancherHaproxy.Pages;

/// <summary>
/// The shell every HTML page shares: readable on a phone (viewport, system font, a narrow column),
/// inline CSS only, no script and nothing loaded from elsewhere.
/// </summary>
internal static class HtmlPage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:48rem;padding:1rem;line-height:1.4;color:#222}"
        + "h1{font-size:1.4rem}h2{font-size:1.1rem;margin:0 0 .4rem}"
        + "section{border:1px solid #ccc;border-radius:.4rem;padding:.8rem;margin:0 0 1rem}"
        + "ul{margin:.2rem 0 .4rem;padding-left:1.2rem}dl{margin:0}dt{font-weight:600;margin-top:.3rem}dd{margin:0;overflow-wrap:anywhere}"
        + "a{overflow-wrap:anywhere}.ready{color:#176b2c}.not-ready{color:#a51d1d}.meta{color:#666;font-size:.9rem}";

    /// <summary>A whole document around <paramref name="body"/> (already HTML); <paramref name="title"/> is escaped here.</summary>
    public static byte[] Document(string title, string body)
    {
        var html = new StringBuilder(body.Length + 1024)
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(HtmlText.Encode(title)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append(body)
            .Append("</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    /// <summary>A page that says one sentence (an answer): a heading, then the sentence as a paragraph; both escaped.</summary>
    public static byte[] Sentence(string title, string sentence) =>
        Document(title, "<h1>" + HtmlText.Encode(title) + "</h1>\n<p>" + HtmlText.Encode(sentence) + "</p>\n");
}

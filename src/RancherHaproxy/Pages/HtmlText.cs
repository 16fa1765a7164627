using System.Text;

namespace RancherHaproxy.Pages;

/// <summary>
/// HTML for untrusted text: every character that could end a text node or an attribute value is
/// escaped (&amp; &lt; &gt; &quot; &#39;), and only an absolute http(s) URL becomes a link.
/// </summary>
internal static class HtmlText
{
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 16);
        foreach (var character in value)
        {
            switch (character)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '"':
                    builder.Append("&quot;");
                    break;
                case '\'':
                    builder.Append("&#39;");
                    break;
                default:
                    builder.Append(character);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A link to <paramref name="value"/> when it is an absolute http:// or https:// URL without
    /// whitespace or control characters; otherwise the escaped text (so <c>javascript:</c> never links).
    /// </summary>
    public static string LinkOrText(string value)
    {
        var encoded = Encode(value);
        return IsWebUrl(value) ? $"<a href=\"{encoded}\" rel=\"noopener noreferrer\">{encoded}</a>" : encoded;
    }

    public static bool IsWebUrl(string value) =>
        !string.IsNullOrEmpty(value)
        && !value.Any(character => char.IsWhiteSpace(character) || char.IsControl(character))
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && value.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase);
}

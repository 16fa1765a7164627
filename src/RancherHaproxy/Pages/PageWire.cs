using System.Globalization;
using System.Text;

namespace RancherHaproxy.Pages;

/// <summary>
/// A <see cref="PageResponse"/> as HTTP/1.1 bytes: status line, the page's headers, then
/// Content-Type, Content-Length, Date and <c>Connection: close</c> (one request per connection).
/// A HEAD answer has the same headers and no body.
/// </summary>
internal static class PageWire
{
    /// <summary>HTML pages load nothing and run nothing; the browser is told so (label values are untrusted).</summary>
    public const string HtmlPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static byte[] Serialise(PageResponse response, bool includeBody, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headBytes = Head(response, response.Body.Length, now);
        return includeBody ? [.. headBytes, .. response.Body] : headBytes;
    }

    /// <summary>The status line and headers alone, for a body of <paramref name="contentLength"/> bytes sent separately.</summary>
    public static byte[] Head(PageResponse response, int contentLength, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var head = new StringBuilder(256)
            .Append("HTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(ReasonPhrase(response.Status)).Append("\r\n");
        foreach (var (name, value) in response.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("Content-Type: ").Append(response.ContentType).Append("\r\n")
            .Append("Content-Length: ").Append(contentLength.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("X-Content-Type-Options: nosniff\r\n");
        if (response.ContentType == PageResponse.Html)
        {
            head.Append("Content-Security-Policy: ").Append(HtmlPolicy).Append("\r\n");
        }

        head.Append("Date: ").Append(now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Connection: close\r\n\r\n");
        return Encoding.ASCII.GetBytes(head.ToString());
    }

    public static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };
}

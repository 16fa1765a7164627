using System.Text;

namespace RancherHaproxy.Pages;

/// <summary>
/// Parses an HTTP/1.x request head (request line and header lines, CRLF-terminated, ending in an empty
/// line) strictly: anything malformed is null, answered 400. The head is read as Latin-1, so any byte
/// is one character and nothing fails to decode. Pure.
/// </summary>
internal static class PageRequestParser
{
    private const string Separators = "()<>@,;:\\\"/[]?={} \t";

    public static PageRequest? Parse(ReadOnlySpan<byte> head)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !IsToken(requestLine[0]) || requestLine[2] is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            return null;
        }

        var path = PathOf(requestLine[1]);
        if (path is null)
        {
            return null;
        }

        var headers = ReadHeaders(lines.AsSpan(1));
        return headers.Valid ? new PageRequest(requestLine[0], path, headers.Host, headers.Accept, headers.Page) : null;
    }

    private static (bool Valid, string? Host, string? Accept, string? Page) ReadHeaders(ReadOnlySpan<string> lines)
    {
        string? host = null, accept = null, page = null;
        var hosts = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsToken(line[..colon]) || line.Contains('\r', StringComparison.Ordinal) || line.Contains('\n', StringComparison.Ordinal))
            {
                return default;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim([' ', '\t']);
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                (host, hosts) = (value, hosts + 1);
            }
            else if (name.Equals("Accept", StringComparison.OrdinalIgnoreCase))
            {
                accept = accept is null ? value : accept + ", " + value;
            }
            else if (name.Equals(PageRequest.PageHeader, StringComparison.OrdinalIgnoreCase))
            {
                page = value;
            }
        }

        // RFC 9112 3.2: more than one Host is a bad request. A missing one gets the unknown-host answer.
        return (hosts <= 1, host, accept, page);
    }

    /// <summary>The path of an origin-form (<c>/a?b</c>), absolute-form (<c>http://h/a</c>) or asterisk-form target; null otherwise.</summary>
    private static string? PathOf(string target)
    {
        if (target.Length == 0 || target.Any(character => character <= ' ' || character >= '\u007f'))
        {
            return null;
        }

        if (target[0] == '/')
        {
            var end = target.IndexOfAny(['?', '#']);
            return end < 0 ? target : target[..end];
        }

        if (target == "*")
        {
            return target;
        }

        return Uri.TryCreate(target, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsolutePath
            : null;
    }

    private static bool IsToken(string value) =>
        value.Length > 0 && value.All(character => character > ' ' && character < '\u007f' && !Separators.Contains(character, StringComparison.Ordinal));
}

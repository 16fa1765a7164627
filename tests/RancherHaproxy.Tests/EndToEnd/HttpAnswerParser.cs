using System.Globalization;
using System.Text;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Parses one HTTP/1.x response read to the end of the connection: status line, headers, body (chunked or not).</summary>
internal static class HttpAnswerParser
{
    public static HttpAnswer Parse(byte[] received, bool headOnly)
    {
        var headerEnd = IndexOf(received, "\r\n\r\n"u8, 0);
        if (headerEnd < 0)
        {
            throw new FormatException($"no complete response head in {received.Length} bytes: {Encoding.ASCII.GetString(received)}");
        }

        var lines = Encoding.ASCII.GetString(received, 0, headerEnd).Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException($"not an HTTP status line: {lines[0]}");
        }

        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => KeyValuePair.Create(parts[0].Trim(), parts[1].Trim()))
            .ToList();
        var body = received.AsSpan(headerEnd + 4).ToArray();
        var chunked = headers.Any(header => header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            && header.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        if (headOnly)
        {
            body = [];
        }
        else if (chunked)
        {
            body = Dechunk(body);
        }

        return new HttpAnswer(status, headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = IndexOf(chunked, "\r\n"u8, position);
            if (lineEnd < 0)
            {
                throw new FormatException("a chunked body ends inside a chunk size line");
            }

            var sizeText = Encoding.ASCII.GetString(chunked, position, lineEnd - position).Split(';')[0].Trim();
            var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, int start)
    {
        var found = haystack.AsSpan(start).IndexOf(needle);
        return found < 0 ? -1 : start + found;
    }
}

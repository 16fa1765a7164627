namespace RancherHaproxy.Pages;

/// <summary>
/// What a page answers, before the wire: status, content type, the page's own headers (Retry-After,
/// Cache-Control, …; the server adds Content-Length, Date and Connection) and the body.
/// </summary>
internal sealed record PageResponse(
    int Status,
    string ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body)
{
    public const string Text = "text/plain; charset=utf-8";
    public const string Html = "text/html; charset=utf-8";
    public const string Json = "application/json; charset=utf-8";

    public static KeyValuePair<string, string> NoStore { get; } = new("Cache-Control", "no-store");

    /// <summary>A one-line text answer (the line gets its trailing newline here) that is never cached.</summary>
    public static PageResponse PlainText(int status, string line, params KeyValuePair<string, string>[] headers) =>
        new(status, Text, [.. headers, NoStore], System.Text.Encoding.UTF8.GetBytes(line + "\n"));
}

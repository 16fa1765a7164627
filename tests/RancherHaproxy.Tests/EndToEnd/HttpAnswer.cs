namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// A whole HTTP response as <see cref="RawHttpClient"/> read it off the socket: status, headers in
/// the order sent, body (de-chunked); Status 0 with <see cref="Error"/> when the exchange broke.
/// </summary>
internal sealed record HttpAnswer(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body, string? Error = null)
{
    /// <summary>The <see cref="BackendListener"/> that answered, or null (an answer of HAProxy or of the daemon).</summary>
    public string? Backend => BackendListener.NameIn(Body);

    public string? ContentType => Header("Content-Type");

    /// <summary>The first value of header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public override string ToString() =>
        Error is not null
            ? $"error: {Error}"
            : $"{Status} [{string.Join("; ", Headers.Select(header => $"{header.Key}: {header.Value}"))}] {Body.Trim()}";
}

using System.Text;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// Exact bytes the fake metadata server answers for one key instead of the published answers:
/// garbage, a proxy's 502, a redirect, Go's escaped JSON, or a server stuck mid-answer.
/// </summary>
/// <param name="Status">The HTTP status line's code.</param>
/// <param name="Body">The body, byte for byte.</param>
/// <param name="StallsMidBody">
/// When true the server sends the headers and <paramref name="Body"/> without a length, then
/// nothing more until the caller gives up (issue 4: a hung connection).
/// </param>
internal sealed record RawAnswer(int Status, byte[] Body, bool StallsMidBody = false)
{
    public static RawAnswer Text(int status, string body) => new(status, Encoding.UTF8.GetBytes(body));

    public static RawAnswer Ok(string body) => Text(200, body);

    /// <summary>200, the first bytes of an answer, then a stall.</summary>
    public static RawAnswer StallingAfter(string start) => new(200, Encoding.UTF8.GetBytes(start), StallsMidBody: true);
}

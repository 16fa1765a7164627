using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// Requests written byte for byte to HAProxy's HTTP port on 127.0.0.1, one connection each: what
/// HttpClient will not send (no Host at all, a Host that is not a host name, HTTP/1.0, a PROXY
/// protocol line before the request), and every response header read back. The request asks the
/// server to close; the response is read to the end. With <paramref name="source"/> the connection
/// leaves from that local address (any of 127/8), so HAProxy sees it as the client's address.
/// </summary>
internal sealed class RawHttpClient(int port, IPAddress? source = null)
{
    private static readonly TimeSpan ExchangeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <paramref name="method"/> <paramref name="path"/> over HTTP/1.1 with Host <paramref name="host"/>
    /// (sent as is), or over HTTP/1.0 without any Host header when <paramref name="host"/> is null;
    /// <paramref name="headers"/> are sent after the Host and Accept headers, in order.
    /// </summary>
    public Task<HttpAnswer> GetAsync(string? host, string path = "/", string? accept = null, string method = "GET", IReadOnlyList<KeyValuePair<string, string>>? headers = null) =>
        SendAsync(Format(host, path, accept, method, headers));

    /// <summary>The bytes <see cref="GetAsync"/> sends, for a caller that writes something before them (a PROXY line).</summary>
    public static string Format(string? host, string path = "/", string? accept = null, string method = "GET", IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"{method} {path} {(host is null ? "HTTP/1.0" : "HTTP/1.1")}\r\n");
        if (host is not null)
        {
            request.Append(CultureInfo.InvariantCulture, $"Host: {host}\r\n");
        }

        if (accept is not null)
        {
            request.Append(CultureInfo.InvariantCulture, $"Accept: {accept}\r\n");
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        if (method is "POST" or "PUT")
        {
            request.Append("Content-Length: 0\r\n");
        }

        request.Append("Connection: close\r\n\r\n");
        return request.ToString();
    }

    /// <summary>Sends <paramref name="request"/> exactly and reads the response until the server closes.</summary>
    public Task<HttpAnswer> SendAsync(string request) => SendAsync([], request);

    /// <summary>Writes <paramref name="preamble"/> (e.g. a binary PROXY v2 header) byte for byte, then <paramref name="request"/> as <see cref="SendAsync(string)"/> does.</summary>
    public async Task<HttpAnswer> SendAsync(byte[] preamble, string request)
    {
        using var timeout = new CancellationTokenSource(ExchangeTimeout);
        try
        {
            using var connection = source is null ? new TcpClient() : new TcpClient(new IPEndPoint(source, 0));
            await connection.ConnectAsync("127.0.0.1", port, timeout.Token);
            var stream = connection.GetStream();
            await stream.WriteAsync((byte[])[.. preamble, .. Encoding.UTF8.GetBytes(request)], timeout.Token);
            using var received = new MemoryStream();
            await stream.CopyToAsync(received, timeout.Token);
            return HttpAnswerParser.Parse(received.ToArray(), headOnly: request.StartsWith("HEAD ", StringComparison.Ordinal));
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException or FormatException)
        {
            return new HttpAnswer(0, [], string.Empty, exception.Message);
        }
    }
}

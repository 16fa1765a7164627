using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RancherHaproxy.Tests.EndToEnd.RuntimeApi;

/// <summary>
/// One TCP connection to HAProxy kept open across a change, like a websocket: it never reconnects.
/// A request fails when the connection was closed, or when HAProxy announces it will close it
/// (<c>Connection: close</c>, what an old worker does after a reload).
/// </summary>
internal sealed class LongConnection : IDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream _stream = null!;

    public static async Task<LongConnection> OpenAsync(int port)
    {
        var connection = new LongConnection();
        await connection._client.ConnectAsync("127.0.0.1", port);
        connection._stream = connection._client.GetStream();
        return connection;
    }

    /// <summary>GET / on this connection; the body of a 200 that keeps the connection open, or an exception.</summary>
    public async Task<string> GetAsync(string host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _stream.WriteAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n"), timeout.Token);
        var received = new List<byte>();
        var chunk = new byte[4096];
        string? headers = null;
        var length = -1;
        while (headers is null || received.Count < headers.Length + 4 + length)
        {
            var read = await _stream.ReadAsync(chunk, timeout.Token);
            if (read == 0)
            {
                throw new IOException($"the long-lived connection was closed after {received.Count} bytes");
            }

            received.AddRange(chunk.AsSpan(0, read));
            var text = Encoding.ASCII.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headers is null && end >= 0)
            {
                headers = text[..end];
                var lengthLine = headers.Split("\r\n").First(line => line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase));
                length = int.Parse(lengthLine["content-length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        headers.Should().StartWith("HTTP/1.1 200", "the long-lived connection still routes");
        headers.Should().NotContainEquivalentOf("connection: close", "a worker that keeps serving does not close kept-alive connections");
        return Encoding.UTF8.GetString([.. received.Skip(headers.Length + 4).Take(length)]);
    }

    public void Dispose() => _client.Dispose();
}

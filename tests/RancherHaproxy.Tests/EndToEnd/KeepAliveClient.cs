using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// A bare HTTP/1.1 keep-alive client on one socket, like wrk: unlike HttpClient it never retries a
/// request silently, so a connection closed under a request shows up as a failure. A response with
/// <c>Connection: close</c> is honoured (reconnect), not a failure.
/// </summary>
internal sealed class KeepAliveClient(int port) : IDisposable
{
    private TcpClient? _connection;
    private NetworkStream? _stream;

    /// <summary>Sends one GET; the body on success, or an exception naming what broke.</summary>
    public async Task<string> GetAsync(string host, CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            _connection = new TcpClient();
            await _connection.ConnectAsync("127.0.0.1", port, cancellationToken);
            _stream = _connection.GetStream();
        }

        var request = Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
        await _stream.WriteAsync(request, cancellationToken);
        var (headers, body) = await ReadResponseAsync(_stream, cancellationToken);
        if (headers.Contains("\r\nconnection: close", StringComparison.OrdinalIgnoreCase))
        {
            Close();
        }

        return body;
    }

    public void Dispose() => Close();

    private void Close()
    {
        _stream?.Dispose();
        _connection?.Dispose();
        _stream = null;
        _connection = null;
    }

    private static async Task<(string Headers, string Body)> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            await ReadMoreAsync(stream, chunk, buffer, cancellationToken);
        }

        var headers = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray());
        var lengthLine = headers.Split("\r\n").FirstOrDefault(line => line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))
            ?? throw new IOException($"response without Content-Length: {headers}");
        var length = int.Parse(lengthLine["content-length:".Length..].Trim(), CultureInfo.InvariantCulture);
        while (buffer.Count < headerEnd + 4 + length)
        {
            await ReadMoreAsync(stream, chunk, buffer, cancellationToken);
        }

        return (headers, Encoding.UTF8.GetString(buffer.GetRange(headerEnd + 4, length).ToArray()));
    }

    private static async Task ReadMoreAsync(NetworkStream stream, byte[] chunk, List<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAsync(chunk, cancellationToken);
        if (read == 0)
        {
            throw new IOException($"connection closed after {buffer.Count} bytes of a response");
        }

        buffer.AddRange(chunk.AsSpan(0, read));
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var index = 0; index + 3 < buffer.Count; index++)
        {
            if (buffer[index] == '\r' && buffer[index + 1] == '\n' && buffer[index + 2] == '\r' && buffer[index + 3] == '\n')
            {
                return index;
            }
        }

        return -1;
    }
}

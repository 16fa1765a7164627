using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RancherHaproxy.Discovery;

/// <summary>
/// Just enough HTTP/1.1 for the metadata service: GET over plain TCP, one request per connection
/// (`Connection: close`), bodies by Content-Length, chunked, or read to the close. HttpClient would
/// bring TLS, HTTP/2, HTTP/3 and compression into the executable (about a quarter of its size) for
/// a service that only ever speaks plain HTTP on the local network.
/// </summary>
internal static class PlainHttpClient
{
    private const int MaxHeadBytes = 64 * 1024;

    /// <summary>Sends `GET <paramref name="uri"/>`; the caller reads and disposes the answer's body.</summary>
    public static async Task<PlainHttpResponse> GetAsync(Uri uri, string accept, CancellationToken cancellationToken)
    {
        var socket = await ConnectAsync(uri.Host, uri.Port, cancellationToken).ConfigureAwait(false);
        var stream = new BufferedStream(new NetworkStream(socket, ownsSocket: true), 16 * 1024);
        try
        {
            var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nAccept: {accept}\r\n"
                + "User-Agent: rancher-haproxy\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            var (status, headers) = await ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false);
            return new PlainHttpResponse((HttpStatusCode)status, Body(stream, headers));
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses.OrderBy(address => address.AddressFamily == AddressFamily.InterNetwork ? 0 : 1))
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new IOException($"cannot connect to {host}:{port}: {last?.Message ?? "no address"}", last);
    }

    private static async Task<(int Status, Dictionary<string, string> Headers)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var budget = new[] { MaxHeadBytes };
        string statusLine;
        try
        {
            statusLine = await HttpLines.ReadAsync(stream, budget, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException exception) when (budget[0] == MaxHeadBytes)
        {
            throw new IOException("the server closed the connection without answering (not one byte)", exception);
        }

        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new IOException($"not an HTTP/1.x answer: '{statusLine}'");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string line;
        while ((line = await HttpLines.ReadAsync(stream, budget, cancellationToken).ConfigureAwait(false)).Length > 0)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (status, headers);
    }

    private static Stream Body(Stream stream, Dictionary<string, string> headers)
    {
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return new ChunkedReadStream(stream);
        }

        if (headers.TryGetValue("Content-Length", out var length)
            && long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            return new ContentLengthReadStream(stream, bytes);
        }

        return stream;
    }
}

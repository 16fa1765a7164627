using System.Net.Sockets;
using System.Text;

namespace RancherHaproxy.Tests.Pages;

/// <summary>A client as HAProxy is one: raw HTTP/1.1 written to the unix socket, the answer read until the server closes.</summary>
internal static class RawHttp
{
    public static Socket Connect(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        return socket;
    }

    /// <summary>Sends <paramref name="request"/> (no half-close, like HAProxy) and reads to EOF: a server that keeps the connection hangs the test.</summary>
    public static async Task<RawResponse> SendAsync(string socketPath, string request, CancellationToken cancellationToken = default)
    {
        using var socket = Connect(socketPath);
        await socket.SendAsync(Encoding.Latin1.GetBytes(request), SocketFlags.None, cancellationToken);
        return RawResponse.Parse(await ReadToEndAsync(socket, cancellationToken));
    }

    public static async Task<byte[]> ReadToEndAsync(Socket socket, CancellationToken cancellationToken = default)
    {
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        int count;
        while ((count = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
        {
            received.Write(buffer, 0, count);
        }

        return received.ToArray();
    }

    public static string Get(string path, string host, string? page = null, string method = "GET", string accept = "*/*") =>
        $"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAccept: {accept}\r\n"
        + (page is null ? string.Empty : $"X-Rancher-Haproxy-Page: {page}\r\n")
        + "Connection: keep-alive\r\n\r\n";
}

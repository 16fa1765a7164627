using System.Buffers;
using System.Net.Sockets;
using System.Text;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Operations;

/// <summary>
/// <c>/metrics/haproxy</c>: asks HAProxy's Prometheus exporter (its <c>frontend prometheus</c> on a
/// unix socket) over HTTP/1.0 and copies its answer, head and body, to the client as it comes: a large
/// exposition is never held whole. Nothing came back: the caller answers 502.
/// </summary>
internal static class ExporterProxy
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Copies the exporter's answer; false when it could not be reached or sent nothing (nothing was sent to the client).</summary>
    public static async Task<bool> CopyAsync(string socketPath, string method, Socket client, CancellationToken cancellationToken)
    {
        using var exporter = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var forwarding = false;
        try
        {
            await exporter.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            var request = Encoding.ASCII.GetBytes($"{method} /metrics HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            await HttpExchange.SendAllAsync(exporter, request, cancellationToken).ConfigureAwait(false);
            var received = await exporter.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                return false;
            }

            forwarding = true;
            while (received > 0)
            {
                await HttpExchange.SendAllAsync(client, buffer.AsMemory(0, received), cancellationToken).ConfigureAwait(false);
                received = await exporter.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (SocketException) when (!forwarding)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

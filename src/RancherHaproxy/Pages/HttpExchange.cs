using System.Net.Sockets;

namespace RancherHaproxy.Pages;

/// <summary>
/// The socket half of one request per connection, shared by the page server (unix socket, HAProxy)
/// and the health endpoint (TCP, monitoring): read a request head up to a limit, and after the answer
/// and a half-close, drain what the client still sends until it closes.
/// </summary>
internal static class HttpExchange
{
    /// <summary>Bytes read and dropped after the answer (a request body), waiting for the client's close.</summary>
    public const int MaxDrainBytes = 64 * 1024;

    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <summary>Reads until CRLFCRLF into <paramref name="buffer"/> (at most <paramref name="maxHeadBytes"/>); the length is the head's, CRLFCRLF included (or what came before a close).</summary>
    public static async Task<(HttpHeadStatus Status, int Length)> ReadHeadAsync(
        Socket connection, byte[] buffer, int maxHeadBytes, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < maxHeadBytes)
        {
            var received = await connection.ReceiveAsync(buffer.AsMemory(filled, maxHeadBytes - filled), SocketFlags.None, cancellationToken)
                .ConfigureAwait(false);
            if (received == 0)
            {
                return (HttpHeadStatus.Closed, filled);
            }

            // The end may straddle two reads: look again at the last three bytes already seen.
            var from = Math.Max(0, filled - (EndOfHead.Length - 1));
            filled += received;
            var end = buffer.AsSpan(from, filled - from).IndexOf(EndOfHead);
            if (end >= 0)
            {
                return (HttpHeadStatus.Complete, from + end + EndOfHead.Length);
            }
        }

        return (HttpHeadStatus.TooLarge, filled);
    }

    /// <summary>Sends all of <paramref name="bytes"/>.</summary>
    public static async Task SendAllAsync(Socket connection, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        for (var sent = 0; sent < bytes.Length;)
        {
            sent += await connection.SendAsync(bytes[sent..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After the answer and our half-close, reads what the client still sends (a body) until it closes:
    /// closing a socket with unread data resets it, and the client could lose the answer.
    /// </summary>
    public static async Task DrainAsync(Socket connection, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            for (var drained = 0; drained < MaxDrainBytes;)
            {
                var received = await connection.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (received == 0)
                {
                    return;
                }

                drained += received;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException)
        {
            // The answer is out; a client that neither closes nor reads is cut off here.
        }
    }
}

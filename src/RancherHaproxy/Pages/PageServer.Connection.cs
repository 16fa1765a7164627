using System.Buffers;
using System.Net.Sockets;

namespace RancherHaproxy.Pages;

internal sealed partial class PageServer
{
    /// <summary>Bytes read and dropped after the answer (a request body), waiting for the client's close.</summary>
    private const int MaxDrainBytes = 64 * 1024;

    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    private enum HeadStatus
    {
        /// <summary>The client closed before sending a whole head (or anything at all).</summary>
        Closed,

        /// <summary>No empty line within <see cref="MaxHeadBytes"/>.</summary>
        TooLarge,

        Complete,
    }

    /// <summary>One connection, start to close; never throws (the accept loop does not await it).</summary>
    private async Task ServeAsync(Socket connection, long id, CancellationToken stopping)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxHeadBytes);
        try
        {
            using var timeout = new CancellationTokenSource(ConnectionTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
            await ExchangeAsync(connection, id, buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposal cut the connection short: not a failure.
        }
        catch (OperationCanceledException)
        {
            Log.TimedOut(logger, id, ConnectionTimeout);
        }
        catch (Exception exception)
        {
            Log.ConnectionFailed(logger, id, exception);
        }
        finally
        {
            connection.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
            _slots.Release();
        }
    }

    private async Task ExchangeAsync(Socket connection, long id, byte[] buffer, CancellationToken cancellationToken)
    {
        var (status, length) = await ReadHeadAsync(connection, buffer, cancellationToken).ConfigureAwait(false);
        if (status == HeadStatus.Closed)
        {
            Log.ClosedBeforeRequest(logger, id, length);
            return;
        }

        var request = status == HeadStatus.Complete ? PageRequestParser.Parse(buffer.AsSpan(0, length)) : null;
        var response = status == HeadStatus.TooLarge ? PageRouter.HeadTooLarge
            : request is null ? PageRouter.BadRequest
            : PageRouter.Route(request, currentModel(), options, _index);
        var bytes = PageWire.Serialise(response, includeBody: request?.IsHead != true, timeProvider.GetUtcNow());
        for (var sent = 0; sent < bytes.Length;)
        {
            sent += await connection.SendAsync(bytes.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        Log.Answered(logger, id, request, response.Status);
        connection.Shutdown(SocketShutdown.Send);
        await DrainAsync(connection, buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads until CRLFCRLF; the length is the head's, CRLFCRLF included (or what came before a close).</summary>
    private static async Task<(HeadStatus Status, int Length)> ReadHeadAsync(Socket connection, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < MaxHeadBytes)
        {
            var received = await connection.ReceiveAsync(buffer.AsMemory(filled, MaxHeadBytes - filled), SocketFlags.None, cancellationToken)
                .ConfigureAwait(false);
            if (received == 0)
            {
                return (HeadStatus.Closed, filled);
            }

            // The end may straddle two reads: look again at the last three bytes already seen.
            var from = Math.Max(0, filled - (EndOfHead.Length - 1));
            filled += received;
            var end = buffer.AsSpan(from, filled - from).IndexOf(EndOfHead);
            if (end >= 0)
            {
                return (HeadStatus.Complete, from + end + EndOfHead.Length);
            }
        }

        return (HeadStatus.TooLarge, filled);
    }

    /// <summary>
    /// After the answer and our half-close, reads what the client still sends (a body) until it closes:
    /// closing a socket with unread data resets it, and the client could lose the answer.
    /// </summary>
    private static async Task DrainAsync(Socket connection, byte[] buffer, CancellationToken cancellationToken)
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

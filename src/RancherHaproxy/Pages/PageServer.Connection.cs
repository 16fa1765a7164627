using System.Buffers;
using System.Net.Sockets;

namespace RancherHaproxy.Pages;

internal sealed partial class PageServer
{
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
        var (status, length) = await HttpExchange.ReadHeadAsync(connection, buffer, MaxHeadBytes, cancellationToken).ConfigureAwait(false);
        if (status == HttpHeadStatus.Closed)
        {
            Log.ClosedBeforeRequest(logger, id, length);
            return;
        }

        var request = status == HttpHeadStatus.Complete ? PageRequestParser.Parse(buffer.AsSpan(0, length)) : null;
        var response = status == HttpHeadStatus.TooLarge ? PageRouter.HeadTooLarge
            : request is null ? PageRouter.BadRequest
            : PageRouter.Route(request, currentModel(), options, _index);
        var bytes = PageWire.Serialise(response, includeBody: request?.IsHead != true, timeProvider.GetUtcNow());
        await HttpExchange.SendAllAsync(connection, bytes, cancellationToken).ConfigureAwait(false);

        Log.Answered(logger, id, request, response.Status);
        connection.Shutdown(SocketShutdown.Send);
        await HttpExchange.DrainAsync(connection, buffer, cancellationToken).ConfigureAwait(false);
    }
}

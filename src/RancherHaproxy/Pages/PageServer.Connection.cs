using System.Net.Sockets;

namespace RancherHaproxy.Pages;

internal sealed partial class PageServer
{
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

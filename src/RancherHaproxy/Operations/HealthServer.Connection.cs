using System.Net.Sockets;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Operations;

internal sealed partial class HealthServer
{
    private async Task ExchangeAsync(Socket connection, long id, byte[] buffer, CancellationToken cancellationToken)
    {
        var (status, length) = await HttpExchange.ReadHeadAsync(connection, buffer, MaxHeadBytes, cancellationToken).ConfigureAwait(false);
        if (status == HttpHeadStatus.Closed)
        {
            return;
        }

        var request = status == HttpHeadStatus.Complete ? PageRequestParser.Parse(buffer.AsSpan(0, length)) : null;
        var response = status == HttpHeadStatus.TooLarge ? PageRouter.HeadTooLarge
            : request is null ? PageRouter.BadRequest
            : HealthRouter.Route(request, currentView(), options);
        var answered = await AnswerAsync(connection, request, response, cancellationToken).ConfigureAwait(false);
        Log.Answered(logger, id, request, answered);
        connection.Shutdown(SocketShutdown.Send);
        await HttpExchange.DrainAsync(connection, buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the answer; the status sent. Metrics are rendered into a pooled buffer; the exporter is streamed (502 when it does not answer).</summary>
    private async Task<int> AnswerAsync(Socket connection, PageRequest? request, PageResponse response, CancellationToken cancellationToken)
    {
        var includeBody = request?.IsHead != true;
        if (ReferenceEquals(response, HealthRouter.Metrics))
        {
            using var body = new PooledBufferWriter();
            MetricsText.Render(currentView(), options, body);
            await HttpExchange.SendAllAsync(connection, PageWire.Head(response, body.WrittenCount, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            if (includeBody)
            {
                await HttpExchange.SendAllAsync(connection, body.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }

            return response.Status;
        }

        if (ReferenceEquals(response, HealthRouter.ProxyToExporter))
        {
            if (await ExporterProxy.CopyAsync(options.ExporterSocket!, request!.Method, connection, cancellationToken).ConfigureAwait(false))
            {
                return response.Status;
            }

            response = HealthRouter.ExporterUnavailable;
        }

        var bytes = PageWire.Serialise(response, includeBody, timeProvider.GetUtcNow());
        await HttpExchange.SendAllAsync(connection, bytes, cancellationToken).ConfigureAwait(false);
        return response.Status;
    }
}

using RancherHaproxy.Pages;

namespace RancherHaproxy.Operations;

/// <summary>
/// What the health endpoint answers to a request, from the view read when it arrived. Pure; the
/// one answer it cannot give itself (<c>/metrics/haproxy</c>, streamed from HAProxy) it names with
/// <see cref="ProxyToExporter"/>.
/// </summary>
internal static class HealthRouter
{
    public static PageResponse Ok { get; } = PageResponse.PlainText(200, "ok");

    public static PageResponse Ready { get; } = PageResponse.PlainText(200, "ready");

    public static PageResponse NoExporter { get; } = PageResponse.PlainText(404, "HAProxy has no Prometheus exporter");

    public static PageResponse ExporterUnavailable { get; } = PageResponse.PlainText(502, "HAProxy's Prometheus exporter did not answer");

    /// <summary>Not sent as is: the server renders the metrics into a pooled buffer and sends that (no large array per scrape).</summary>
    public static PageResponse Metrics { get; } = new(200, PrometheusWriter.ContentType, [PageResponse.NoStore], []);

    /// <summary>Not sent as is: the server streams HAProxy's exporter answer instead.</summary>
    public static PageResponse ProxyToExporter { get; } = PageResponse.PlainText(200, "proxied");

    public static PageResponse Route(PageRequest request, HealthView view, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (request.Method is not ("GET" or "HEAD"))
        {
            return PageRouter.MethodNotAllowed;
        }

        return request.Path switch
        {
            "/healthz" => HealthChecks.Unhealthy(view, options.StallAfter) is { } reason ? PageResponse.PlainText(503, "unhealthy: " + reason) : Ok,
            "/readyz" => HealthChecks.NotReady(view) is { } reason ? PageResponse.PlainText(503, "not ready: " + reason) : Ready,
            "/status" => new PageResponse(200, PageResponse.Json, [PageResponse.NoStore], StatusJson.Write(view, options)),
            "/metrics" => Metrics,
            "/metrics/haproxy" => options.ExporterSocket is null ? NoExporter : ProxyToExporter,
            _ => PageRouter.NotFound,
        };
    }
}

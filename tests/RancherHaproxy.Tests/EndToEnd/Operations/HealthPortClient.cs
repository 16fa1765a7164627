using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>
/// Requests to the daemon's own HEALTH_PORT on 127.0.0.1 (/healthz, /readyz, /status, /metrics,
/// /metrics/haproxy), one connection each, read to the end; /status parsed as JSON and /metrics by
/// <see cref="PrometheusText"/>, so a malformed answer fails the test that reads it.
/// </summary>
internal sealed class HealthPortClient(int port)
{
    private static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(50);

    public int Port { get; } = port;

    public Task<HttpAnswer> GetAsync(string path, string method = "GET") =>
        new RawHttpClient(Port).GetAsync("127.0.0.1", path, method: method);

    /// <summary>Polls <paramref name="path"/> until an answer satisfies <paramref name="done"/>; on timeout, fails naming the last answer.</summary>
    public Task<HttpAnswer> EventuallyAsync(string path, Func<HttpAnswer, bool> done, TimeSpan timeout, string what) =>
        Eventually.UntilAsync(() => GetAsync(path), done, timeout, $"{path}: {what}", pollInterval: PollPeriod);

    /// <summary>GET /status: 200, application/json, a JSON object.</summary>
    public async Task<JsonObject> StatusAsync()
    {
        var answer = await GetAsync("/status");
        answer.Status.Should().Be(200, "/status answers ({0})", answer);
        answer.ContentType.Should().StartWith("application/json");
        return JsonNode.Parse(answer.Body)?.AsObject() ?? throw new FormatException($"/status is not a JSON object: {answer.Body}");
    }

    /// <summary>Polls /status until <paramref name="done"/> holds; returns that document.</summary>
    public Task<JsonObject> StatusEventuallyAsync(Func<JsonObject, bool> done, TimeSpan timeout, string what) =>
        Eventually.UntilAsync(StatusAsync, done, timeout, $"/status: {what}", status => status.ToJsonString(), PollPeriod);

    /// <summary>GET /metrics: 200, the text format's content type, parsed whole.</summary>
    public async Task<PrometheusText> MetricsAsync()
    {
        var answer = await GetAsync("/metrics");
        answer.Status.Should().Be(200, "/metrics answers ({0})", answer);
        answer.ContentType.Should().Be("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusText.Parse(answer.Body);
    }

    /// <summary>Polls /metrics until <paramref name="done"/> holds; returns that scrape.</summary>
    public Task<PrometheusText> MetricsEventuallyAsync(Func<PrometheusText, bool> done, TimeSpan timeout, string what) =>
        Eventually.UntilAsync(MetricsAsync, done, timeout, $"/metrics: {what}", DescribeDaemonMetrics, PollPeriod);

    private static string DescribeDaemonMetrics(PrometheusText scrape) =>
        string.Join("; ", scrape.Samples.Where(sample => sample.Name.StartsWith("rancher_haproxy_", StringComparison.Ordinal) && sample.Value != 0));
}

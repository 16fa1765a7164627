using System.Diagnostics;
using System.Globalization;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// Requests to HAProxy's HTTP port on 127.0.0.1 with a chosen Host header. Each request uses its own
/// connection (a fresh handler, Connection: close), so a reload never hides behind a kept-alive one.
/// </summary>
internal sealed class HttpProbe(int port)
{
    private static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(50);

    public int Port { get; } = port;

    public async Task<ProbeResult> GetAsync(string host, string path = "/", TimeSpan? timeout = null)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionLifetime = TimeSpan.Zero,
        };
        using var client = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}{path}"));
        request.Headers.Host = host;
        request.Headers.ConnectionClose = true;
        try
        {
            using var response = await client.SendAsync(request);
            return new ProbeResult((int)response.StatusCode, await response.Content.ReadAsStringAsync(), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new ProbeResult(0, string.Empty, exception.Message);
        }
    }

    /// <summary><paramref name="count"/> requests one after another.</summary>
    public async Task<IReadOnlyList<ProbeResult>> GetManyAsync(string host, int count)
    {
        var results = new List<ProbeResult>(count);
        for (var index = 0; index < count; index++)
        {
            results.Add(await GetAsync(host));
        }

        return results;
    }

    /// <summary>Polls every 50 ms until a result satisfies <paramref name="predicate"/>; on timeout, fails naming the last result.</summary>
    public async Task<ProbeResult> EventuallyAsync(string host, Func<ProbeResult, bool> predicate, TimeSpan timeout, string what)
    {
        var (result, _) = await MeasureUntilAsync(host, predicate, timeout, what);
        return result;
    }

    /// <summary>Like <see cref="EventuallyAsync"/>, also returning how long it took from the call.</summary>
    public async Task<(ProbeResult Result, TimeSpan Elapsed)> MeasureUntilAsync(string host, Func<ProbeResult, bool> predicate, TimeSpan timeout, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await Eventually.UntilAsync(() => GetAsync(host, timeout: TimeSpan.FromSeconds(5)), predicate, timeout, $"host {host}: {what}", pollInterval: PollPeriod);
        return (result, stopwatch.Elapsed);
    }
}

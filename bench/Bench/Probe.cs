using System.Diagnostics;
using System.Globalization;
using RancherHaproxy.Tests.EndToEnd;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Bench;

/// <summary>Requests on fresh connections to HAProxy with a given Host; how long until a backend answers.</summary>
internal sealed class Probe(int port) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public static string Host(string stack) => $"{stack}.{BenchDaemon.Domain}";

    public async Task<string?> BackendAsync(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        request.Headers.Host = host;
        request.Headers.ConnectionClose = true;
        try
        {
            using var response = await _client.SendAsync(request);
            return BackendListener.NameIn(await response.Content.ReadAsStringAsync());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Time from <paramref name="since"/> (a <see cref="Stopwatch.GetTimestamp"/>) until <paramref name="host"/> is answered by <paramref name="backend"/>.</summary>
    public async Task<TimeSpan> UntilAsync(string host, string backend, long since, TimeSpan timeout)
    {
        await Eventually.UntilAsync(
            () => BackendAsync(host),
            answered => answered == backend,
            timeout - Stopwatch.GetElapsedTime(since),
            $"{host} to be answered by {backend}",
            pollInterval: TimeSpan.FromMilliseconds(5));
        return Stopwatch.GetElapsedTime(since);
    }

    public void Dispose() => _client.Dispose();
}

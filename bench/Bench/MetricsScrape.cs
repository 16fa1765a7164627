using System.Diagnostics;
using System.Globalization;

namespace RancherHaproxy.Bench;

/// <summary>What scraping one endpoint of HEALTH_PORT costs: the time of each GET (fresh connection) and the answer's size.</summary>
internal sealed record MetricsScrape(string Path, IReadOnlyList<TimeSpan> Times, long Bytes, int Failed)
{
    public static async Task<MetricsScrape> MeasureAsync(int healthPort, string path, int scrapes)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{healthPort}{path}"));
        var times = new List<TimeSpan>();
        long bytes = 0;
        var failed = 0;
        for (var scrape = 0; scrape < scrapes; scrape++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(uri);
            var body = await response.Content.ReadAsByteArrayAsync();
            times.Add(Stopwatch.GetElapsedTime(started));
            bytes = body.Length;
            failed += response.IsSuccessStatusCode ? 0 : 1;
        }

        return new MetricsScrape(path, times, bytes, failed);
    }
}

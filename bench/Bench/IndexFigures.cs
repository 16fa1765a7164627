using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace RancherHaproxy.Bench;

/// <summary>
/// The INDEX_HOST pages through HAProxy's index backend, from 127.0.0.1 (inside the default
/// INDEX_ALLOW): sequential latency, wrk's rate on /stacks.json, and applies while wrk runs.
/// </summary>
internal static class IndexFigures
{
    /// <summary>INDEX_HOST without a dot: the index answers on index.$STACK_DOMAIN.</summary>
    public const string Name = "index";

    public static string Host => $"{Name}.{BenchDaemon.Domain}";

    /// <summary>How many stacks the index lists now, from /stacks.json.</summary>
    public static async Task<int> StackCountAsync(int port)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        using var message = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/stacks.json"));
        message.Headers.Host = Host;
        using var response = await client.SendAsync(message);
        response.EnsureSuccessStatusCode();
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return json?["stacks"]?.AsArray().Count ?? throw new InvalidOperationException("/stacks.json without a stacks array");
    }

    /// <summary>One keep-alive connection, one request at a time, after one warm-up request that is not counted.</summary>
    public static async Task<PageLatency> SequentialAsync(int port, string path, int count, int stacks)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{path}");
        var times = new List<TimeSpan>(count);
        long bytes = 0;
        var failed = 0;
        for (var request = -1; request < count; request++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            message.Headers.Host = Host;
            var start = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (request < 0)
            {
                continue;
            }

            times.Add(elapsed);
            bytes = body.Length;
            failed += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }

        return new PageLatency(path, stacks, times, bytes, failed);
    }

    /// <summary>wrk on /stacks.json; a new stack, then a moved container, applied while it runs; one more new stack after.</summary>
    public static async Task<IndexLoad> UnderLoadAsync(Scenario scenario, int stacks)
    {
        const int connections = 8;
        var duration = TimeSpan.FromSeconds(5);
        var wrk = Wrk.Start(scenario.Daemon.HttpPort, Host, connections, duration, "/stacks.json");
        var applies = new List<TimeSpan>();
        await Task.Delay(TimeSpan.FromSeconds(1));
        applies.Add(await scenario.AddStackAsync());
        await Task.Delay(TimeSpan.FromSeconds(1));
        applies.Add(await scenario.MoveContainerAsync());
        var (requests, failed, perSecond) = await Wrk.OutcomeAsync(wrk);

        // The same change once wrk is done, for comparison on this machine at this moment.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var quiet = await scenario.AddStackAsync();
        return new IndexLoad(stacks, connections, duration, requests, failed, perSecond, applies, quiet);
    }
}

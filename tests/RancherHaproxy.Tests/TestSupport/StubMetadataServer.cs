using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RancherHaproxy.Tests.EndToEnd;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// An in-process Kestrel server on 127.0.0.1 that answers fixed bodies per path the way the real
/// metadata service does: JSON with Content-Type text/plain, 404 "Not found" for anything else.
/// It records every request's path, query and Accept header. A body ending in <see cref="Stall"/>
/// is sent up to that marker, then the connection hangs (a server stuck mid-answer).
/// </summary>
internal sealed class StubMetadataServer : IAsyncDisposable
{
    public const string Stall = "<stall>";

    private readonly IReadOnlyDictionary<string, (int Status, string Body)> _answers;
    private WebApplication? _app;

    private StubMetadataServer(IReadOnlyDictionary<string, (int Status, string Body)> answers) => _answers = answers;

    /// <summary>host:port, as RANCHER_API_HOST would hold it.</summary>
    public string Host { get; private set; } = string.Empty;

    public ConcurrentQueue<(string Path, string Query, string Accept)> Requests { get; } = new();

    /// <param name="answers">Path (e.g. /2015-12-19/version) → status and body.</param>
    public static async Task<StubMetadataServer> StartAsync(IReadOnlyDictionary<string, (int Status, string Body)> answers)
    {
        var server = new StubMetadataServer(answers);
        var (app, port) = await LoopbackKestrel.StartAsync(IPAddress.Loopback, 0, server.AnswerAsync);
        server._app = app;
        server.Host = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        return server;
    }

    public int CountRequests(string path) => Requests.Count(request => request.Path == path);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await LoopbackKestrel.StopAsync(_app);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue((request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, request.Headers.Accept.ToString()));
        var (status, body) = _answers.TryGetValue(request.Path.Value ?? string.Empty, out var answer) ? answer : (404, "Not found\n");
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (!body.EndsWith(Stall, StringComparison.Ordinal))
        {
            await context.Response.WriteAsync(body);
            return;
        }

        await context.Response.WriteAsync(body[..^Stall.Length]);
        await context.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }
    }
}

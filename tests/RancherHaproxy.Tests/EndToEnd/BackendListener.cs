using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// A backend container stand-in: Kestrel on its own 127.0.0.x address (all of 127/8 is loopback on
/// Linux) answering every request with <c>backend=&lt;name&gt; host=&lt;Host&gt; xff=&lt;X-Forwarded-For&gt;</c>
/// and the X-Forwarded-Proto it received in the <see cref="EchoedProtoHeader"/> response header;
/// <see cref="Received"/> keeps every GET with its headers (what a container could read off a request).
/// <see cref="Delay"/> makes it slow, for requests in flight during a shutdown.
/// </summary>
internal sealed partial class BackendListener : IAsyncDisposable
{
    /// <summary>The response header that echoes the X-Forwarded-Proto the backend received.</summary>
    public const string EchoedProtoHeader = "X-Echo-Forwarded-Proto";

    private static int _nextAddress = -1;

    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private WebApplication? _app;
    private int _requestCount;
    private int _inFlight;

    private BackendListener(string name, string address)
    {
        Name = name;
        Address = address;
    }

    public string Name { get; }

    /// <summary>The 127.0.0.x address this backend alone listens on: the container's primary_ip.</summary>
    public string Address { get; }

    public int Port { get; private set; }

    /// <summary>How long each answer takes; zero by default.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>GET requests received so far: the requests of the tests, not health checks.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The GET requests received so far, in order, with their headers.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>The GET received for <paramref name="pathAndQuery"/> (e.g. a test's unique path), or null.</summary>
    public ReceivedRequest? ReceivedFor(string pathAndQuery) =>
        _received.FirstOrDefault(request => request.PathAndQuery == pathAndQuery);

    public static async Task<BackendListener> StartAsync(string name, TimeSpan delay = default)
    {
        var listener = new BackendListener(name, NextAddress()) { Delay = delay };
        (listener._app, listener.Port) = await LoopbackKestrel.StartAsync(IPAddress.Parse(listener.Address), 0, listener.AnswerAsync);
        return listener;
    }

    /// <summary>The backend name in a body this class wrote, or null when the body came from elsewhere (e.g. HAProxy's 503).</summary>
    public static string? NameIn(string body)
    {
        var match = BackendPattern().Match(body);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Waits until a request is being answered (see <see cref="Delay"/>); <paramref name="cancellationToken"/> stops the wait.</summary>
    public Task WaitForInFlightAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Eventually.UntilAsync(() => InFlight > 0, timeout, $"a request in flight at {Name}", cancellationToken);

    /// <summary>Stops listening; a test may close a backend early (a container that stops answering), the harness again later.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await LoopbackKestrel.StopAsync(app);
        }
    }

    private static string NextAddress()
    {
        var index = Interlocked.Increment(ref _nextAddress);
        return string.Create(CultureInfo.InvariantCulture, $"127.0.{index / 250}.{2 + (index % 250)}");
    }

    private async Task AnswerAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            // Only the tests' own requests count: an HAProxy health check (OPTIONS by default) must not.
            var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new ReceivedRequest(context.Request.Path + context.Request.QueryString, headers));
            Interlocked.Increment(ref _requestCount);
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, context.RequestAborted);
            }

            var request = context.Request;
            var body = System.Text.Encoding.UTF8.GetBytes($"backend={Name} host={request.Headers.Host} xff={request.Headers["X-Forwarded-For"]}\n");
            context.Response.ContentType = "text/plain";

            // Echoed as a response header, so the body every other test matches stays as it is.
            context.Response.Headers[EchoedProtoHeader] = request.Headers["X-Forwarded-Proto"].ToString();
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    [GeneratedRegex(@"^backend=(\S+) ")]
    private static partial Regex BackendPattern();
}

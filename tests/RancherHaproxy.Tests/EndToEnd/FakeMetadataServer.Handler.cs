using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>The HTTP side: routes, content negotiation, errors and long polling (RM main.go, metadata_controller.go).</summary>
internal sealed partial class FakeMetadataServer
{
    private const string TextContentType = "text/plain; charset=utf-8";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    /// <summary>maxWait in seconds: missing, 0 or garbage means 60; the cap is 120.</summary>
    public static int ParseMaxWait(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? Math.Min(seconds, 120)
            : 60;

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var request = context.Request;
        var callerAddress = context.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? string.Empty;
        Record(new RecordedRequest(DateTimeOffset.UtcNow, request.Method, path, request.QueryString.Value ?? string.Empty, request.Headers.Accept.ToString(), callerAddress));

        var json = AcceptNegotiator.WantsJson(request.Headers.Accept.ToString());
        switch (_fault)
        {
            case MetadataFault.NotFound:
                await WriteErrorAsync(context, 404, "Not found", json);
                return;
            case MetadataFault.ServerError:
                await WriteErrorAsync(context, 500, "Internal Server Error", json);
                return;
            case MetadataFault.Hang:
                await HangAsync(context);
                return;
        }

        if (HttpMethods.IsGet(request.Method) && await TryWriteRawAnswerAsync(context, path))
        {
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) || path == "/favicon.ico")
        {
            await WriteRawErrorAsync(context, 404, "404 page not found\n");
            return;
        }

        var segments = MetadataTree.Segments(path);
        if (segments.Count == 0)
        {
            await WriteVersionListAsync(context, json);
            return;
        }

        var version = MetadataVersions.Resolve(segments[0]);
        if (version is null)
        {
            await WriteErrorAsync(context, 404, "Invalid version", json);
            return;
        }

        var keyPath = segments.Skip(1).ToList();
        var wait = request.Query["wait"] == "true" && request.Query.ContainsKey("value") && keyPath.Count > 0 && _fault != MetadataFault.NoLongPoll;
        if (wait)
        {
            await WaitForChangeAsync(version, keyPath, callerAddress, request.Query["value"].ToString(), ParseMaxWait(request.Query["maxWait"]), context.RequestAborted);
        }

        if (!wait && IsContainersKey(keyPath) && ContainersDelay > TimeSpan.Zero)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            await Task.Delay(ContainersDelay, linked.Token);
        }

        var snapshot = _snapshot;
        if (json && IsContainersKey(keyPath))
        {
            await WriteContainersJsonAsync(context, snapshot, version);
            return;
        }

        if (IsVersionKey(keyPath))
        {
            await WriteAnswerAsync(context, JsonValue.Create(snapshot.Version), json);
            return;
        }

        if (!MetadataTree.TryLookup(AnswersFor(snapshot, version, callerAddress, keyPath), keyPath, out var found))
        {
            await WriteErrorAsync(context, 404, "Not found", json);
            return;
        }

        await WriteAnswerAsync(context, found, json);
    }

    /// <summary>Returns at once when the key exists and differs from <paramref name="value"/>; otherwise waits for a change or maxWait.</summary>
    private async Task WaitForChangeAsync(string version, List<string> keyPath, string callerAddress, string value, int maxWaitSeconds, CancellationToken cancellationToken)
    {
        var deadline = Deadline(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(maxWaitSeconds));
        while (true)
        {
            var wake = Volatile.Read(ref _wake).Task;
            var snapshot = _snapshot;
            var differs = IsVersionKey(keyPath)
                ? snapshot.Version != value
                : MetadataTree.TryLookup(AnswersFor(snapshot, version, callerAddress, keyPath), keyPath, out var current)
                    && MetadataFormatter.SprintValue(current) != value;
            var remaining = deadline - DateTimeOffset.UtcNow;
            if (differs || remaining <= TimeSpan.Zero || _fault == MetadataFault.NoLongPoll)
            {
                return;
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            await Task.WhenAny(wake, Task.Delay(remaining, linked.Token));
            if (linked.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>With <see cref="QuantizeWaits"/>, a wait ends at the first 5-second tick at or after its deadline.</summary>
    private DateTimeOffset Deadline(DateTimeOffset requested)
    {
        if (!QuantizeWaits)
        {
            return requested;
        }

        var ticks = Math.Ceiling((requested - _startedAt) / Tick);
        return _startedAt + (Tick * ticks);
    }

    /// <summary>Holds the request unanswered while the fault lasts, then drops the connection without a response.</summary>
    private async Task HangAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        while (_fault == MetadataFault.Hang && !linked.IsCancellationRequested)
        {
            await Task.WhenAny(Volatile.Read(ref _wake).Task, Task.Delay(Timeout.Infinite, linked.Token));
        }

        context.Abort();
    }

    private static Task WriteVersionListAsync(HttpContext context, bool json)
    {
        var dated = new[] { MetadataVersions.V1, MetadataVersions.V2, MetadataVersions.V3, MetadataVersions.Latest };
        var body = json
            ? MetadataFormatter.Json(new JsonObject(dated.Select(name => new KeyValuePair<string, JsonNode?>(name, "/" + name))))
            : string.Concat(dated.Select(name => name + "\n"));
        return WriteAsync(context, 200, body, success: true);
    }

    private static Task WriteAnswerAsync(HttpContext context, JsonNode? found, bool json) =>
        WriteAsync(context, 200, json ? MetadataFormatter.Json(found) : MetadataFormatter.Text(found), success: true);

    /// <summary>Go's http.Error: text/plain, nosniff, body plus newline; in JSON mode the body is a JSON object.</summary>
    private static Task WriteErrorAsync(HttpContext context, int status, string message, bool json)
    {
        var body = json
            ? MetadataFormatter.Json(new JsonObject { ["code"] = status, ["message"] = message, ["type"] = "error" }) + "\n"
            : message + "\n";
        return WriteRawErrorAsync(context, status, body);
    }

    private static Task WriteRawErrorAsync(HttpContext context, int status, string body)
    {
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return WriteAsync(context, status, body, success: false);
    }

    /// <summary>No explicit Content-Type on the real server: Go sniffs text/plain for JSON and text alike; an empty body has none.</summary>
    private static async Task WriteAsync(HttpContext context, int status, string body, bool success)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (success)
        {
            response.Headers.AccessControlAllowOrigin = "*";
        }

        if (body.Length > 0)
        {
            response.ContentType = TextContentType;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}

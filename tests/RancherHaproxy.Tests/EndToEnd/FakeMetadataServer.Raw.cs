using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// Raw answers on demand for any key (<c>version</c>, <c>containers</c>, <c>self/service/metadata</c>,
/// <c>self/host/agent_ip</c>…): invalid, truncated, mistyped or huge JSON, other statuses, stalls.
/// </summary>
internal sealed partial class FakeMetadataServer
{
    private const string ContainersKey = "containers";
    private const string ServiceMetadataKey = "self/service/metadata";

    private readonly ConcurrentDictionary<string, RawAnswer> _rawAnswers = new(StringComparer.Ordinal);

    /// <summary>
    /// While set, every GET of <c>/&lt;version&gt;/containers</c> answers 200 with exactly these bytes;
    /// everything else (version, self) keeps answering normally. Null restores the published answer.
    /// </summary>
    public byte[]? RawContainersAnswer
    {
        get => RawBody(ContainersKey);
        set => SetRawAnswer(ContainersKey, value is null ? null : new RawAnswer(200, value));
    }

    /// <summary>Like <see cref="RawContainersAnswer"/>, for <c>/&lt;version&gt;/self/service/metadata</c>.</summary>
    public byte[]? RawServiceMetadataAnswer
    {
        get => RawBody(ServiceMetadataKey);
        set => SetRawAnswer(ServiceMetadataKey, value is null ? null : new RawAnswer(200, value));
    }

    /// <summary>
    /// While set, every GET of <c>/&lt;any version&gt;/<paramref name="keyPath"/></c> (no wait, even with
    /// <c>wait=true</c>) answers <paramref name="answer"/>; other keys keep answering normally.
    /// Null restores the published answer.
    /// </summary>
    public void SetRawAnswer(string keyPath, RawAnswer? answer)
    {
        if (answer is null)
        {
            _rawAnswers.TryRemove(keyPath, out _);
        }
        else
        {
            _rawAnswers[keyPath] = answer;
        }

        WakeWaiters();
    }

    private byte[]? RawBody(string keyPath) => _rawAnswers.TryGetValue(keyPath, out var answer) ? answer.Body : null;

    /// <summary>True when a raw answer was served for <paramref name="path"/>.</summary>
    private async Task<bool> TryWriteRawAnswerAsync(HttpContext context, string path)
    {
        var segments = MetadataTree.Segments(path);
        if (_rawAnswers.IsEmpty || segments.Count < 2 || !_rawAnswers.TryGetValue(string.Join('/', segments.Skip(1)), out var raw))
        {
            return false;
        }

        var response = context.Response;
        response.StatusCode = raw.Status;
        response.ContentType = TextContentType;
        if (!raw.StallsMidBody)
        {
            response.ContentLength = raw.Body.Length;
            await response.Body.WriteAsync(raw.Body, context.RequestAborted);
            return true;
        }

        await response.Body.WriteAsync(raw.Body, context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
        await StallAsync(context);
        return true;
    }

    /// <summary>Sends nothing more until the caller gives up or the server stops, then drops the connection.</summary>
    private async Task StallAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up, as it should, or the server is stopping.
        }

        context.Abort();
    }
}

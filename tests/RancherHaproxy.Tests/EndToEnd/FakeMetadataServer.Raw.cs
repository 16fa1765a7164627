using Microsoft.AspNetCore.Http;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Garbage on demand: <c>/containers</c> answers exact bytes (invalid, truncated, mistyped or huge JSON).</summary>
internal sealed partial class FakeMetadataServer
{
    private volatile byte[]? _rawContainers;

    /// <summary>
    /// While set, every GET of <c>/&lt;version&gt;/containers</c> answers 200 with exactly these bytes;
    /// everything else (version, self) keeps answering normally. Null restores the published answer.
    /// </summary>
    public byte[]? RawContainersAnswer
    {
        get => _rawContainers;
        set
        {
            _rawContainers = value;
            WakeWaiters();
        }
    }

    private static bool IsContainersPath(string path) =>
        path.EndsWith("/containers", StringComparison.Ordinal) || path.EndsWith("/containers/", StringComparison.Ordinal);

    /// <summary>True when the raw answer was served for <paramref name="path"/>.</summary>
    private async Task<bool> TryWriteRawContainersAsync(HttpContext context, string path)
    {
        var raw = _rawContainers;
        if (raw is null || !IsContainersPath(path) || MetadataTree.Segments(path).Count != 2)
        {
            return false;
        }

        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = TextContentType;
        response.ContentLength = raw.Length;
        await response.Body.WriteAsync(raw, context.RequestAborted);
        return true;
    }
}

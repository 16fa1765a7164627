using Microsoft.AspNetCore.Http;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Garbage on demand: <c>/containers</c> or <c>/self/service/metadata</c> answer exact bytes (invalid, truncated, mistyped or huge JSON).</summary>
internal sealed partial class FakeMetadataServer
{
    private volatile byte[]? _rawContainers;
    private volatile byte[]? _rawServiceMetadata;

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

    /// <summary>Like <see cref="RawContainersAnswer"/>, for <c>/&lt;version&gt;/self/service/metadata</c>.</summary>
    public byte[]? RawServiceMetadataAnswer
    {
        get => _rawServiceMetadata;
        set
        {
            _rawServiceMetadata = value;
            WakeWaiters();
        }
    }

    private static bool IsContainersPath(string path) =>
        path.EndsWith("/containers", StringComparison.Ordinal) || path.EndsWith("/containers/", StringComparison.Ordinal);

    /// <summary>True when a raw answer was served for <paramref name="path"/>.</summary>
    private async Task<bool> TryWriteRawAnswerAsync(HttpContext context, string path)
    {
        var segments = MetadataTree.Segments(path);
        var raw = segments.Count == 2 && IsContainersPath(path) ? _rawContainers
            : segments.Count == 4 && path.TrimEnd('/').EndsWith("/self/service/metadata", StringComparison.Ordinal) ? _rawServiceMetadata
            : null;
        if (raw is null)
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

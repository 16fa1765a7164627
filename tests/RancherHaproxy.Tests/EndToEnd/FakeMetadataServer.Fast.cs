using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// The two hot paths without rebuilding the whole answer tree per request: a long-poll on
/// <c>/version</c> and the JSON of <c>/containers</c>. The real server builds its answers once per
/// reload; rebuilding 5,000 containers per request made the fake, not the daemon, the bottleneck of
/// bench/run.sh. Same bytes as the tree would give, containers still in a new order per response.
/// </summary>
internal sealed partial class FakeMetadataServer
{
    /// <summary>Each container's JSON (UTF-8), shaped for one API version and agent IP, per published snapshot.</summary>
    private readonly ConditionalWeakTable<Snapshot, ConcurrentDictionary<(string Version, string AgentIp), byte[][]>> _containerJson = new();

    private static bool IsVersionKey(List<string> keyPath) => keyPath.Count == 1 && keyPath[0] == "version";

    private static bool IsContainersKey(List<string> keyPath) => keyPath.Count == 1 && keyPath[0] == "containers";

    /// <summary>Callers' (version, agent IP) so far: their /containers JSON is built at publish, before the version changes.</summary>
    private readonly ConcurrentDictionary<(string Version, string AgentIp), bool> _containerJsonKeys = new();

    /// <summary>Like the real server's reload: the answers are ready before the new version is visible.</summary>
    private void PrepareContainersJson(Snapshot snapshot)
    {
        foreach (var key in _containerJsonKeys.Keys)
        {
            ContainerElements(snapshot, key);
        }
    }

    private byte[][] ContainerElements(Snapshot snapshot, (string Version, string AgentIp) key)
    {
        _containerJsonKeys.TryAdd(key, true);
        return _containerJson.GetOrCreateValue(snapshot).GetOrAdd(key, shape =>
            [.. snapshot.Containers.Select(container =>
                Encoding.UTF8.GetBytes(MetadataFormatter.Json(MetadataVersions.ShapeContainer(container, shape.Version, shape.AgentIp))))]);
    }

    /// <summary>Writes the JSON of <c>/containers</c>: <c>null</c> when empty, else the shaped containers in a new random order.</summary>
    private async Task WriteContainersJsonAsync(HttpContext context, Snapshot snapshot, string version)
    {
        var host = snapshot.SelfHost ?? DefaultHost;
        var agentIp = host["agent_ip"]?.GetValue<string>() ?? "127.0.0.1";
        var elements = ContainerElements(snapshot, (version, agentIp));
        if (elements.Length == 0)
        {
            await WriteAsync(context, 200, "null", success: true);
            return;
        }

        var order = (byte[][])elements.Clone();
        Random.Shared.Shuffle(order);
        var response = context.Response;
        response.StatusCode = 200;
        response.Headers.AccessControlAllowOrigin = "*";
        response.ContentType = TextContentType;
        response.ContentLength = order.Sum(element => (long)element.Length) + order.Length + 1;
        var body = response.BodyWriter;
        for (var index = 0; index < order.Length; index++)
        {
            body.Write(index == 0 ? "["u8 : ","u8);
            body.Write(order[index]);
            if (index % 256 == 255)
            {
                await body.FlushAsync(context.RequestAborted);
            }
        }

        body.Write("]"u8);
        await body.FlushAsync(context.RequestAborted);
    }
}

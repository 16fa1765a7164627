using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// The two hot paths without rebuilding the whole answer tree per request: a long-poll on
/// <c>/version</c> and the JSON of <c>/containers</c>. The real server builds its answers once per
/// reload; rebuilding 5,000 containers per request made the fake, not the daemon, the bottleneck of
/// bench/run.sh. Same bytes as the tree would give, containers still in a new order per response.
/// </summary>
internal sealed partial class FakeMetadataServer
{
    /// <summary>Each container's JSON, shaped for one API version and agent IP, per published snapshot.</summary>
    private readonly ConditionalWeakTable<Snapshot, ConcurrentDictionary<(string Version, string AgentIp), string[]>> _containerJson = new();

    private static bool IsVersionKey(List<string> keyPath) => keyPath.Count == 1 && keyPath[0] == "version";

    private static bool IsContainersKey(List<string> keyPath) => keyPath.Count == 1 && keyPath[0] == "containers";

    /// <summary>The JSON body of <c>/containers</c>: <c>null</c> when empty, else the shaped containers in random order.</summary>
    private string ContainersJson(Snapshot snapshot, string version)
    {
        var host = snapshot.SelfHost ?? DefaultHost;
        var agentIp = host["agent_ip"]?.GetValue<string>() ?? "127.0.0.1";
        var elements = _containerJson.GetOrCreateValue(snapshot).GetOrAdd((version, agentIp), key =>
            [.. snapshot.Containers.Select(container => MetadataFormatter.Json(MetadataVersions.ShapeContainer(container, key.Version, key.AgentIp)))]);
        if (elements.Length == 0)
        {
            return "null";
        }

        var shuffled = (string[])elements.Clone();
        Random.Shared.Shuffle(shuffled);
        var body = new StringBuilder(shuffled.Sum(element => element.Length + 1) + 1).Append('[');
        body.AppendJoin(',', shuffled);
        return body.Append(']').ToString();
    }
}

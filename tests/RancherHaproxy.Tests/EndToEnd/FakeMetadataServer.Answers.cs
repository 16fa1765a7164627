using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>The answer tree one caller sees for one API version (reference/rancher-metadata.md §4 and §6).</summary>
internal sealed partial class FakeMetadataServer
{
    private const string SelfCallerAddress = "127.0.0.1";

    /// <summary>
    /// The tree a lookup of <paramref name="keyPath"/> needs: under <c>self</c> only the caller's own
    /// part (the same as the whole tree's), so that the load balancer's /self/service/metadata does
    /// not shape every container of a 20,000-container environment per request as the real
    /// server, which prepares its answers, does not either.
    /// </summary>
    private static JsonObject AnswersFor(Snapshot snapshot, string version, string callerAddress, List<string> keyPath)
    {
        if (keyPath.Count > 0 && keyPath[0] == "self")
        {
            var host = snapshot.SelfHost ?? DefaultHost;
            return new JsonObject { ["self"] = BuildSelf(snapshot, version, callerAddress, host) };
        }

        return BuildAnswers(snapshot, version, callerAddress);
    }

    private static JsonObject BuildAnswers(Snapshot snapshot, string version, string callerAddress)
    {
        var host = snapshot.SelfHost ?? DefaultHost;
        var agentIp = host["agent_ip"]?.GetValue<string>() ?? "127.0.0.1";
        var containers = snapshot.Containers
            .Select(container => MetadataVersions.ShapeContainer(container, version, agentIp))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();
        var answers = new JsonObject
        {
            ["containers"] = NullWhenEmpty(containers),
            ["hosts"] = new JsonArray(MetadataVersions.ShapeHost(host, version, hostId: 1)),
            ["name"] = "default",
            ["networks"] = null,
            ["region_name"] = null,
            ["self"] = BuildSelf(snapshot, version, callerAddress, host),
            ["services"] = null,
            ["stacks"] = null,
            ["uuid"] = "adbb1c2a-env",
            ["version"] = snapshot.Version,
        };
        if (version == MetadataVersions.V3)
        {
            answers["environments"] = null;
        }

        return answers;
    }

    /// <summary>
    /// A caller from 127.0.0.1 gets the test's self service (and its stack) when one was published;
    /// any other caller gets the default answers, whose self holds only the host.
    /// </summary>
    private static JsonObject BuildSelf(Snapshot snapshot, string version, string callerAddress, JsonObject host)
    {
        var self = new JsonObject { ["host"] = MetadataVersions.ShapeHost(host, version, hostId: 1) };
        if (callerAddress != SelfCallerAddress || snapshot.SelfService is null)
        {
            return self;
        }

        var service = (JsonObject)snapshot.SelfService.DeepClone();
        self["service"] = service;
        self["stack"] = new JsonObject
        {
            ["environment_name"] = "Default",
            ["environment_uuid"] = "adbb1c2a-env",
            ["metadata_kind"] = "stack",
            ["name"] = service["stack_name"]?.DeepClone(),
            ["services"] = new JsonArray(service.DeepClone()),
            ["system"] = false,
            ["uuid"] = service["stack_uuid"]?.DeepClone(),
        };
        return self;
    }

    private static JsonArray? NullWhenEmpty(List<JsonObject> items) =>
        items.Count == 0 ? null : new JsonArray([.. items.Cast<JsonNode?>()]);
}

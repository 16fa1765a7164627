using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Service and host objects shaped like Cattle's (reference/rancher-metadata.md §4), for <c>/self</c>.</summary>
internal static class MetadataObjects
{
    /// <summary>A service as <c>/self/service</c> shows it; <paramref name="metadata"/> is the rancher-compose <c>metadata:</c> map.</summary>
    public static JsonObject Service(string stack, string name, JsonObject? metadata = null) => new()
    {
        ["containers"] = null,
        ["create_index"] = 1,
        ["environment_uuid"] = "adbb1c2a-env",
        ["expose"] = new JsonArray(),
        ["external_ips"] = null,
        ["fqdn"] = null,
        ["health_check"] = null,
        ["hostname"] = null,
        ["kind"] = "service",
        ["labels"] = new JsonObject(),
        ["lb_config"] = null,
        ["links"] = null,
        ["metadata"] = metadata ?? new JsonObject(),
        ["metadata_kind"] = "service",
        ["name"] = name,
        ["ports"] = new JsonArray(),
        ["primary_service_name"] = name,
        ["scale"] = 1,
        ["sidekicks"] = null,
        ["stack_name"] = stack,
        ["stack_uuid"] = $"stack-{stack}",
        ["state"] = "active",
        ["system"] = false,
        ["token"] = null,
        ["uuid"] = $"service-{stack}-{name}",
        ["vip"] = null,
    };

    /// <summary>A host whose <c>agent_ip</c> is <paramref name="agentIp"/>.</summary>
    public static JsonObject Host(string agentIp)
    {
        var host = (JsonObject)FakeMetadataServer.DefaultHost.DeepClone();
        host["agent_ip"] = agentIp;
        return host;
    }
}

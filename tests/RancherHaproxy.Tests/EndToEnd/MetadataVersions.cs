using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// The dated API versions of rancher-metadata 1.2+ and how each one reshapes the same data
/// (reference/rancher-metadata.md §1): 2016-07-29 (= latest) lower-cases names, writes ports as
/// <c>0.0.0.0:…</c> and turns empty port lists into null; the older ones substitute the host IP.
/// </summary>
internal static class MetadataVersions
{
    public const string V1 = "2015-07-25";
    public const string V2 = "2015-12-19";
    public const string V3 = "2016-07-29";
    public const string Latest = "latest";

    public static IReadOnlyList<string> All { get; } = [V1, V2, V3, Latest];

    /// <summary>The dated version a request's version segment means, or null when it is unknown (case-sensitive).</summary>
    public static string? Resolve(string segment) => segment switch
    {
        V1 or V2 or V3 => segment,
        Latest => V3,
        _ => null,
    };

    public static JsonObject ShapeContainer(JsonObject cattle, string version, string hostAgentIp)
    {
        var container = (JsonObject)cattle.DeepClone();
        var ports = container["ports"] as JsonArray ?? [];
        if (version == V3)
        {
            foreach (var key in new[] { "name", "service_name", "stack_name" })
            {
                if (container[key] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    container[key] = text.ToLowerInvariant();
                }
            }

            container["ports"] = ports.Count == 0 ? null : Reshape(ports, "0.0.0.0");
        }
        else
        {
            container["ports"] = Reshape(ports, hostAgentIp);
        }

        return container;
    }

    public static JsonObject ShapeHost(JsonObject host, string version, int hostId)
    {
        var shaped = (JsonObject)host.DeepClone();
        if (version != V3)
        {
            shaped["hostId"] = hostId;
        }

        return shaped;
    }

    /// <summary><c>8080:80/tcp</c> gains the given host IP; a port that already names one keeps it.</summary>
    private static JsonArray Reshape(JsonArray ports, string hostIp)
    {
        var reshaped = new JsonArray();
        foreach (var port in ports)
        {
            var text = port?.GetValue<string>() ?? string.Empty;
            reshaped.Add((JsonNode?)JsonValue.Create(text.Count(character => character == ':') >= 2 ? text : $"{hostIp}:{text}"));
        }

        return reshaped;
    }
}

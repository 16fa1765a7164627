using System.Text.Json;
using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>A daemon output line read as LOG_FORMAT=json promises: one JSON object, or null when it is not one.</summary>
internal static class JsonLogLine
{
    public static JsonObject? TryParse(DaemonLogLine line)
    {
        try
        {
            return JsonNode.Parse(line.Raw) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="line"/> is a JSON object with this component and message.</summary>
    public static bool Is(DaemonLogLine line, string component, string message) =>
        TryParse(line) is { } json && Text(json, "component") == component && Text(json, "message") == message;

    public static string? Text(JsonObject json, string key) =>
        json[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}

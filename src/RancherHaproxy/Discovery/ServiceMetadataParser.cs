using System.Text.Json;

namespace RancherHaproxy.Discovery;

/// <summary>
/// Reads aliases, ssl_cert and ssl_key out of the user's free-form service metadata map. Tolerant:
/// a key of the wrong shape is reported as a problem and ignored, never an exception.
/// </summary>
internal static class ServiceMetadataParser
{
    public static ServiceMetadata Parse(JsonElement? metadata)
    {
        if (metadata is not { ValueKind: JsonValueKind.Object } map)
        {
            return ServiceMetadata.Empty;
        }

        var problems = new List<string>();
        var aliases = ReadAliases(map, problems);
        var certificate = ReadString(map, "ssl_cert", problems);
        var key = ReadString(map, "ssl_key", problems);
        return new ServiceMetadata(aliases, certificate, key, problems);
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadAliases(JsonElement map, List<string> problems)
    {
        var aliases = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!map.TryGetProperty("aliases", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return aliases;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add("metadata key aliases is not a map of stack name to a list of names; ignored");
            return aliases;
        }

        foreach (var stack in element.EnumerateObject())
        {
            var names = ReadNames(stack.Value);
            if (names is null)
            {
                problems.Add($"metadata key aliases.{stack.Name} is not a list of names; ignored");
                continue;
            }

            aliases[stack.Name] = names;
        }

        return aliases;
    }

    /// <summary>A list of strings, or a single string (a common slip in rancher-compose files).</summary>
    private static List<string>? ReadNames(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return [value.GetString()!];
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.Array:
                var names = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return null;
                    }

                    names.Add(item.GetString()!);
                }

                return names;
            default:
                return null;
        }
    }

    private static string? ReadString(JsonElement map, string key, List<string> problems)
    {
        if (!map.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"metadata key {key} is not a string; ignored");
            return null;
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}

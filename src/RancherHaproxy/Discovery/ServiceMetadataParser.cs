using System.Text.Json;
using RancherHaproxy.Auth;

namespace RancherHaproxy.Discovery;

/// <summary>
/// Reads aliases, ssl_cert, ssl_key and auth_users out of the user's free-form service metadata map. Tolerant:
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
        return new ServiceMetadata(aliases, certificate, key, problems) { AuthUsers = ReadAuthUsers(map, problems) };
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

    /// <summary>A string of `user:hash` lines, or a list of such strings. Any refused entry refuses the whole list.</summary>
    private static IReadOnlyList<AuthUser>? ReadAuthUsers(JsonElement map, List<string> problems)
    {
        if (!map.TryGetProperty("auth_users", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var texts = ReadNames(element);
        if (texts is null)
        {
            problems.Add("metadata key auth_users is not a string or a list of strings; the users in force stay");
            return null;
        }

        var list = AuthUserParser.Parse(texts);
        foreach (var error in list.Errors)
        {
            problems.Add($"metadata key auth_users: {error}; the users in force stay");
        }

        foreach (var name in list.Duplicates)
        {
            problems.Add($"metadata key auth_users: user {name} is defined twice; the first wins");
        }

        return list.Errors.Count > 0 ? null : list.Users;
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

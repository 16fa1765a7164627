using System.Globalization;
using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// Path lookup of rancher-metadata (RM config/answers.go): one segment at a time; an array takes an
/// index, else the first element whose <c>name</c>, failing that whose <c>uuid</c>, matches; a failed
/// lookup is retried once with the whole path lower-cased.
/// </summary>
internal static class MetadataTree
{
    public static bool TryLookup(JsonNode? root, IReadOnlyList<string> segments, out JsonNode? found) =>
        TryWalk(root, segments, out found)
        || TryWalk(root, [.. segments.Select(segment => segment.ToLowerInvariant())], out found);

    /// <summary>Splits a raw request path after the version; segments are query-unescaped ('+' is a space).</summary>
    public static IReadOnlyList<string> Segments(string rawPath) =>
        [.. rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(segment => Uri.UnescapeDataString(segment.Replace('+', ' ')))];

    private static bool TryWalk(JsonNode? node, IReadOnlyList<string> segments, out JsonNode? found)
    {
        found = node;
        foreach (var segment in segments)
        {
            switch (found)
            {
                case JsonObject map when map.TryGetPropertyValue(segment, out var child):
                    found = child;
                    break;
                case JsonArray array when TryElement(array, segment, out var element):
                    found = element;
                    break;
                default:
                    found = null;
                    return false;
            }
        }

        return true;
    }

    private static bool TryElement(JsonArray array, string segment, out JsonNode? element)
    {
        if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count)
        {
            element = array[index];
            return true;
        }

        element = array.FirstOrDefault(item => Matches(item, "name", segment))
            ?? array.FirstOrDefault(item => Matches(item, "uuid", segment));
        return element is not null;
    }

    private static bool Matches(JsonNode? item, string key, string segment) =>
        item is JsonObject map && map[key] is JsonValue value && value.TryGetValue<string>(out var text) && text == segment;
}

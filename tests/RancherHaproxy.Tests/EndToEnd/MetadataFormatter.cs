using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// The two body formats of rancher-metadata (reference/rancher-metadata.md §2): Go's json.Marshal
/// (compact, keys sorted, HTML characters escaped, no trailing newline) and the text format
/// (keys or <c>i=name</c> lines, raw strings, empty body for null).
/// </summary>
internal static class MetadataFormatter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Default };

    public static string Json(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Text(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return string.Empty;
            case JsonObject map:
                var keys = new StringBuilder();
                foreach (var (key, child) in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    keys.Append(QueryEscape(key)).Append(child is JsonObject or JsonArray ? "/" : string.Empty).Append('\n');
                }

                return keys.ToString();
            case JsonArray array:
                var lines = new StringBuilder();
                for (var index = 0; index < array.Count; index++)
                {
                    lines.Append(index.ToString(CultureInfo.InvariantCulture)).Append(ArrayElementSuffix(array[index])).Append('\n');
                }

                return lines.ToString();
            default:
                return Scalar((JsonValue)node);
        }
    }

    /// <summary>What Go's fmt.Sprint makes of a leaf: the long-poll <c>value=</c> is compared with it.</summary>
    public static string SprintValue(JsonNode? node) => node switch
    {
        null => "<nil>",
        JsonValue value => Scalar(value),
        _ => Json(node),
    };

    private static string ArrayElementSuffix(JsonNode? element)
    {
        if (element is JsonObject map)
        {
            var label = Identity(map, "name") ?? Identity(map, "uuid");
            return label is null ? "/" : "=" + QueryEscape(label);
        }

        return element is JsonArray ? "/" : string.Empty;
    }

    private static string? Identity(JsonObject map, string key) =>
        map[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Scalar(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Number:
                var raw = value.ToJsonString();
                return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer)
                    ? integer.ToString(CultureInfo.InvariantCulture)
                    : double.Parse(raw, CultureInfo.InvariantCulture).ToString("F6", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
            default:
                return string.Empty;
        }
    }

    /// <summary>Go's url.QueryEscape: space → '+', every other reserved byte percent-encoded.</summary>
    private static string QueryEscape(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject map:
                writer.WriteStartObject();
                foreach (var (key, child) in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, child);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var element in array)
                {
                    Write(writer, element);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

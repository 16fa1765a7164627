using System.Text.Json;
using System.Text.Json.Serialization;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Discovery;

/// <summary>
/// Reads one /containers element keeping only what routing reads: seven strings and the routing
/// labels. A real container carries ~1.5 KB of JSON and a dozen labels; at 5,000 containers keeping
/// every label would hold megabytes nobody reads. Types are still checked everywhere: a field or
/// label of the wrong type makes the whole answer invalid, as with the generated contract.
/// </summary>
internal sealed class ContainerConverter(IReadOnlyList<string> routingLabels) : JsonConverter<ContainerDto>
{
    // An array, and each name once in UTF-8: every label of every container is compared with these,
    // and a foreach over the interface allocated an enumerator per label (30% of what parsing
    // 5,000 real-shaped containers allocated).
    private readonly string[] _labels = [.. routingLabels];
    private readonly byte[][] _labelBytes = [.. routingLabels.Select(System.Text.Encoding.UTF8.GetBytes)];

    public override ContainerDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a container");
        var container = new ContainerDto();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryReadField(ref reader, container))
            {
                // The serializer hands a custom converter its whole value, yet marks the block
                // non-final while streaming: Skip() would refuse, TrySkip() cannot fall short.
                reader.Read();
                if (!reader.TrySkip())
                {
                    throw new JsonException("a container ends early");
                }
            }
        }

        return container;
    }

    public override void Write(Utf8JsonWriter writer, ContainerDto value, JsonSerializerOptions options) =>
        throw new NotSupportedException("containers are only read");

    /// <summary>Reads the property under the reader into <paramref name="container"/> when routing reads it; false otherwise.</summary>
    private bool TryReadField(ref Utf8JsonReader reader, ContainerDto container)
    {
        if (reader.ValueTextEquals("uuid"u8))
        {
            container.Uuid = ReadString(ref reader, "uuid");
        }
        else if (reader.ValueTextEquals("name"u8))
        {
            container.Name = ReadString(ref reader, "name");
        }
        else if (reader.ValueTextEquals("primary_ip"u8))
        {
            container.PrimaryIp = ReadString(ref reader, "primary_ip");
        }
        else if (reader.ValueTextEquals("state"u8))
        {
            container.State = ReadState(ref reader, "state");
        }
        else if (reader.ValueTextEquals("health_state"u8))
        {
            container.HealthState = ReadState(ref reader, "health_state");
        }
        else if (reader.ValueTextEquals("stack_name"u8))
        {
            container.StackName = ReadString(ref reader, "stack_name");
        }
        else if (reader.ValueTextEquals("service_name"u8))
        {
            container.ServiceName = ReadString(ref reader, "service_name");
        }
        else if (reader.ValueTextEquals("labels"u8))
        {
            container.Labels = ReadLabels(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string what)
    {
        if (reader.TokenType != expected)
        {
            throw new JsonException($"{what} is {Describe(reader.TokenType)}, not {Describe(expected)}");
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return CurrentString(ref reader, field);
    }

    /// <summary>States repeat across thousands of containers: the common ones share one string.</summary>
    private static string? ReadState(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("running"u8))
            {
                return "running";
            }

            if (reader.ValueTextEquals("healthy"u8))
            {
                return "healthy";
            }
        }

        return CurrentString(ref reader, field);
    }

    private static string? CurrentString(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException($"container field '{field}' is {Describe(reader.TokenType)}, not a string"),
    };

    /// <summary>Only the routing labels, or null when the container has none of them.</summary>
    private Dictionary<string, string?>? ReadLabels(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject, "container field 'labels'");
        Dictionary<string, string?>? kept = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = RoutingLabel(ref reader);
            reader.Read();
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
            {
                throw new JsonException($"a label value is {Describe(reader.TokenType)}, not a string");
            }

            if (name is not null)
            {
                kept ??= new Dictionary<string, string?>(_labels.Length, StringComparer.Ordinal);
                kept[name] = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
        }

        return kept;
    }

    private string? RoutingLabel(ref Utf8JsonReader reader)
    {
        for (var index = 0; index < _labelBytes.Length; index++)
        {
            if (reader.ValueTextEquals(_labelBytes[index]))
            {
                return _labels[index];
            }
        }

        return null;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}

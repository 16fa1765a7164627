using System.Text;
using System.Text.Json;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Discovery;

/// <summary>
/// One /containers element, read keeping only what routing reads: seven strings and the routing
/// labels. A real container carries ~1.5 KB of JSON and a dozen labels; at 5,000 containers keeping
/// every label would hold megabytes nobody reads. Types are still checked everywhere: a field or
/// label of the wrong type makes the whole answer invalid. Works on a reader over part of the
/// answer: false when the element does not end within it (read it again with more data).
/// </summary>
internal sealed class ContainerFields(IReadOnlyList<string> routingLabels)
{
    // An array, and each name once in UTF-8: every label of every container is compared with these,
    // and a foreach over the interface allocated an enumerator per label (30% of what parsing
    // 5,000 real-shaped containers allocated).
    private readonly string[] _labels = [.. routingLabels];
    private readonly byte[][] _labelBytes = [.. routingLabels.Select(Encoding.UTF8.GetBytes)];

    private enum Field
    {
        Other,
        Uuid,
        Name,
        PrimaryIp,
        State,
        HealthState,
        StackName,
        ServiceName,
        Labels,
    }

    /// <summary>The element under the reader (its first token read); false when the data ends inside it.</summary>
    public bool TryRead(ref Utf8JsonReader reader, out ContainerDto? container)
    {
        container = null;
        Expect(ref reader, JsonTokenType.StartObject, "a container");
        var read = new ContainerDto();
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                break; // EndObject: the reader itself refuses anything else here.
            }

            var field = FieldOf(ref reader);
            if (!reader.Read() || !TryReadValue(ref reader, field, read))
            {
                return false;
            }
        }

        container = read;
        return true;
    }

    /// <summary>
    /// Which field the property name under the reader is: by its length first, so that most of the
    /// ~30 names of a container are told apart by one comparison. An escaped name is unescaped
    /// first; one too long to unescape to any field's name (each character escapes to 6 bytes at
    /// most) is none of them.
    /// </summary>
    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return FieldNamed(reader.ValueSpan);
        }

        const int MaxEscapedName = 6 * 12;
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxEscapedName)
        {
            return Field.Other;
        }

        Span<byte> unescaped = stackalloc byte[MaxEscapedName];
        return FieldNamed(unescaped[..reader.CopyString(unescaped)]);
    }

    private static Field FieldNamed(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("uuid"u8) => Field.Uuid,
        4 when name.SequenceEqual("name"u8) => Field.Name,
        5 when name.SequenceEqual("state"u8) => Field.State,
        6 when name.SequenceEqual("labels"u8) => Field.Labels,
        10 when name.SequenceEqual("primary_ip"u8) => Field.PrimaryIp,
        10 when name.SequenceEqual("stack_name"u8) => Field.StackName,
        12 when name.SequenceEqual("health_state"u8) => Field.HealthState,
        12 when name.SequenceEqual("service_name"u8) => Field.ServiceName,
        _ => Field.Other,
    };

    /// <summary>The value under the reader into <paramref name="container"/>, or skipped; false when the data ends inside it.</summary>
    private bool TryReadValue(ref Utf8JsonReader reader, Field field, ContainerDto container)
    {
        switch (field)
        {
            case Field.Uuid:
                container.Uuid = CurrentString(ref reader, "uuid");
                return true;
            case Field.Name:
                container.Name = CurrentString(ref reader, "name");
                return true;
            case Field.PrimaryIp:
                container.PrimaryIp = CurrentString(ref reader, "primary_ip");
                return true;
            case Field.State:
                container.State = CurrentState(ref reader, "state");
                return true;
            case Field.HealthState:
                container.HealthState = CurrentState(ref reader, "health_state");
                return true;
            case Field.StackName:
                container.StackName = CurrentString(ref reader, "stack_name");
                return true;
            case Field.ServiceName:
                container.ServiceName = CurrentString(ref reader, "service_name");
                return true;
            case Field.Labels:
                var complete = TryReadLabels(ref reader, out var labels);
                container.Labels = labels;
                return complete;
            default:
                return reader.TrySkip();
        }
    }

    /// <summary>States repeat across thousands of containers: the common ones share one string.</summary>
    private static string? CurrentState(ref Utf8JsonReader reader, string field) =>
        reader.TokenType != JsonTokenType.String ? CurrentString(ref reader, field)
        : reader.ValueTextEquals("running"u8) ? "running"
        : reader.ValueTextEquals("healthy"u8) ? "healthy"
        : reader.GetString();

    private static string? CurrentString(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException($"container field '{field}' is {Describe(reader.TokenType)}, not a string"),
    };

    /// <summary>Only the routing labels, or null when the container has none of them.</summary>
    private bool TryReadLabels(ref Utf8JsonReader reader, out Dictionary<string, string?>? kept)
    {
        kept = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        Expect(ref reader, JsonTokenType.StartObject, "container field 'labels'");
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                return true;
            }

            var name = RoutingLabel(ref reader);
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
            {
                throw new JsonException($"a label value is {Describe(reader.TokenType)}, not a string");
            }

            if (name is not null)
            {
                kept ??= new Dictionary<string, string?>(StringComparer.Ordinal); // most containers carry one or two routing labels
                kept[name] = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
        }
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

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string what)
    {
        if (reader.TokenType != expected)
        {
            throw new JsonException($"{what} is {Describe(reader.TokenType)}, not {Describe(expected)}");
        }
    }

    public static string Describe(JsonTokenType token) => token switch
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

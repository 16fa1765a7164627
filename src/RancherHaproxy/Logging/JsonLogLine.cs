using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RancherHaproxy.Logging;

/// <summary>
/// One event as one JSON object: <c>{"time":"…Z","level":"info","component":"sync","message":"routes applied","backends":3,…}</c>.
/// The fields follow in their order: int, long and (finite) double as numbers, bool as bools, null
/// as null, anything else as its invariant text. A field named like one of the four fixed keys is
/// written as <c>field_&lt;key&gt;</c>, so a reader never sees two of them.
/// </summary>
internal static class JsonLogLine
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Readable non-ASCII in logs; quotes, '\' and control characters (and U+2028/2029) are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly string[] ReservedKeys = ["time", "level", "component", "message"];

    public static string Format(string time, LogLevel level, string component, string message, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("time", time);
            json.WriteString("level", LevelName(level));
            json.WriteString("component", WellFormed(component));
            json.WriteString("message", WellFormed(message));
            foreach (var (key, value) in fields)
            {
                WriteField(json, ReservedKeys.Contains(key, StringComparer.Ordinal) ? "field_" + key : WellFormed(key), value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Debug => "debug",
        LogLevel.Info => "info",
        LogLevel.Warn => "warn",
        _ => "error",
    };

    private static void WriteField(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool flag:
                json.WriteBoolean(key, flag);
                break;
            case int number:
                json.WriteNumber(key, number);
                break;
            case long number:
                json.WriteNumber(key, number);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumber(key, number);
                break;
            case IFormattable formattable:
                json.WriteString(key, WellFormed(formattable.ToString(null, CultureInfo.InvariantCulture)));
                break;
            default:
                json.WriteString(key, WellFormed(value.ToString() ?? string.Empty));
                break;
        }
    }

    /// <summary>A lone surrogate (from outside: a container name, HAProxy's output) becomes U+FFFD: the writer refuses invalid UTF-16.</summary>
    private static string WellFormed(string text)
    {
        if (!text.Any(char.IsSurrogate))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var index = 0; index < text.Length; index++)
        {
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                result.Append(text[index]).Append(text[++index]);
            }
            else
            {
                result.Append(char.IsSurrogate(text[index]) ? '\uFFFD' : text[index]);
            }
        }

        return result.ToString();
    }
}

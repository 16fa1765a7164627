using System.Globalization;
using System.Text;

namespace RancherHaproxy.Logging;

/// <summary>
/// Writes one line per event: timestamp, level, component, message, then key=value fields.
/// Thread-safe; every component's <see cref="Logger"/> shares one sink.
/// </summary>
internal sealed class LogSink(TextWriter writer, LogLevel minimumLevel, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();

    public LogLevel MinimumLevel { get; } = minimumLevel;

    public void Write(LogLevel level, string component, string message, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        if (level < MinimumLevel)
        {
            return;
        }

        var line = new StringBuilder(128);
        line.Append(timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        line.Append(' ').Append(LevelName(level)).Append(' ').Append(component).Append(": ");
        AppendSanitised(line, message);
        foreach (var (key, value) in fields)
        {
            line.Append(' ').Append(key).Append('=');
            AppendValue(line, value);
        }

        lock (_gate)
        {
            writer.WriteLine(line.ToString());
            writer.Flush();
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Debug => "debug",
        LogLevel.Info => "info ",
        LogLevel.Warn => "warn ",
        _ => "error",
    };

    private static void AppendValue(StringBuilder line, object? value)
    {
        var text = value switch
        {
            null => "null",
            bool flag => flag ? "true" : "false",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        var needsQuotes = text.Length == 0 || text.AsSpan().IndexOfAny(" \"=\t") >= 0;
        if (!needsQuotes)
        {
            AppendSanitised(line, text);
            return;
        }

        line.Append('"');
        AppendSanitised(line, text, escapeQuotes: true);
        line.Append('"');
    }

    /// <summary>
    /// Keeps one event on one line: control characters (newlines from outside) are escaped. '\' is
    /// escaped too, so an escape in the output always means one thing: a value holding `\"` cannot
    /// close its quotes early and forge a field after them.
    /// </summary>
    private static void AppendSanitised(StringBuilder line, string text, bool escapeQuotes = false)
    {
        foreach (var character in text)
        {
            if (character == '\\' || (escapeQuotes && character == '"'))
            {
                line.Append('\\').Append(character);
            }
            else if (char.IsControl(character))
            {
                line.Append(character switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\u" + ((int)character).ToString("x4", CultureInfo.InvariantCulture),
                });
            }
            else
            {
                line.Append(character);
            }
        }
    }
}

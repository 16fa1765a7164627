using System.Globalization;
using System.Text;

namespace RancherHaproxy.Logging;

/// <summary>
/// Writes one line per event: timestamp, level, component, message, then key=value fields (or, with
/// <see cref="LogFormat.Json"/>, the same as one JSON object: <see cref="JsonLogLine"/>).
/// Thread-safe; every component's <see cref="Logger"/> shares one sink.
/// </summary>
internal sealed class LogSink(TextWriter writer, LogLevel minimumLevel, TimeProvider timeProvider, LogFormat format = LogFormat.Text)
{
    private readonly Lock _gate = new();

    public LogLevel MinimumLevel { get; } = minimumLevel;

    public void Write(LogLevel level, string component, string message, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        if (level < MinimumLevel)
        {
            return;
        }

        var time = timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var line = format == LogFormat.Json ? JsonLogLine.Format(time, level, component, message, fields) : TextLine(time, level, component, message, fields);
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static string TextLine(string time, LogLevel level, string component, string message, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        var line = new StringBuilder(128);
        line.Append(time);
        line.Append(' ').Append(LevelName(level)).Append(' ').Append(component).Append(": ");
        AppendSanitised(line, message);
        foreach (var (key, value) in fields)
        {
            line.Append(' ').Append(key).Append('=');
            AppendValue(line, value);
        }

        return line.ToString();
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

using Microsoft.Extensions.Configuration;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Configuration;

/// <summary>LOG_FORMAT.</summary>
internal static partial class SettingsLoader
{
    private static readonly Dictionary<string, LogFormat> LogFormats = new(StringComparer.Ordinal)
    {
        ["text"] = LogFormat.Text,
        ["json"] = LogFormat.Json,
    };

    /// <summary>LOG_FORMAT alone, for the lines that report bad settings: text unless it is itself a valid choice.</summary>
    public static LogFormat LogFormatOf(IConfiguration configuration)
    {
        var reader = new SettingsReader(configuration);
        var format = ReadLogFormat(reader);
        return reader.Errors.Count == 0 ? format : LogFormat.Text;
    }

    private static LogFormat ReadLogFormat(SettingsReader reader) => reader.Choice("LOG_FORMAT", LogFormat.Text, LogFormats);
}

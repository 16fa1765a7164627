using System.Net;

namespace RancherHaproxy.Configuration;

/// <summary>HEALTH_PORT, HEALTH_ADDRESS, SHUTDOWN_DELAY.</summary>
internal static partial class SettingsLoader
{
    private static HealthSettings ReadHealth(SettingsReader reader) => new(
        reader.Integer("HEALTH_PORT", HealthSettings.DefaultPort, 0, 65535),
        ReadAddress(reader, "HEALTH_ADDRESS", HealthSettings.DefaultAddress),
        ReadDuration(reader, "SHUTDOWN_DELAY", TimeSpan.Zero));

    /// <summary>An IPv4 or IPv6 literal (no host name: the endpoint binds before anything resolves), normalised.</summary>
    private static string ReadAddress(SettingsReader reader, string name, string defaultValue)
    {
        var value = reader.Optional(name);
        if (value is null)
        {
            return defaultValue;
        }

        var literal = value.StartsWith('[') && value.EndsWith(']') ? value[1..^1] : value;
        if (!IPAddress.TryParse(literal, out var address))
        {
            reader.Fail(name, $"must be an IPv4 or IPv6 address such as 0.0.0.0, 127.0.0.1 or ::, not '{value}'");
            return defaultValue;
        }

        return address.ToString();
    }
}

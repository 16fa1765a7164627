using RancherHaproxy.Routing;

namespace RancherHaproxy.Pages;

/// <summary>
/// The Host header as the answers name it: port stripped, lower case, and only when what is left is
/// a DNS name (labels of letters, digits and inner hyphens, 63 characters each, 253 in all). An IP
/// literal in brackets, a name with other characters, an empty or missing header: null ("this host").
/// </summary>
internal static class HostHeader
{
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrEmpty(value) || value[0] == '[')
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && !IsPort(value.AsSpan(colon + 1)))
        {
            return null;
        }

        var name = colon >= 0 ? value[..colon] : value;
        return RoutingValidation.IsHostName(name) ? name.ToLowerInvariant() : null;
    }

    private static bool IsPort(ReadOnlySpan<char> port) =>
        port.Length is > 0 and <= 5 && !port.ContainsAnyExceptInRange('0', '9');
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace RancherHaproxy.Routing;

/// <summary>
/// Strict checks for every metadata value that reaches HAProxy's files. Anything that is not exactly
/// a port, an address or a name is refused, never "cleaned up" into something that looks valid.
/// </summary>
internal static partial class RoutingValidation
{
    public static readonly IReadOnlySet<string> ProxyKeywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "send-proxy", "send-proxy-v2", "send-proxy-v2-ssl", "send-proxy-v2-ssl-cn",
    };

    /// <summary>A single DNS label (a stack name): letters, digits, inner hyphens, 63 characters at most.</summary>
    public static bool IsDnsLabel(string? value) => value is not null && DnsLabel().IsMatch(value);

    /// <summary>One or more DNS labels separated by dots (an alias such as www or api.v2).</summary>
    public static bool IsDnsName(string? value) =>
        value is not null && value.Length <= 200 && value.Split('.').All(IsDnsLabel);

    /// <summary>A full host name: DNS labels separated by dots, 253 characters at most (a Host header, a `.hosts` name).</summary>
    public static bool IsHostName(string? value) =>
        value is { Length: > 0 and <= 253 } && value.Split('.').All(IsDnsLabel);

    /// <summary>Metadata strings in a notice: control characters and length kept in check.</summary>
    public static string Printable(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = value.Length > 80 ? value[..80] + "…" : value;
        return new string(text.Select(character => char.IsControl(character) ? '?' : character).ToArray());
    }

    /// <summary>Only ASCII digits, no sign or spaces, 1 to 65535.</summary>
    public static bool TryParsePort(string? value, out int port)
    {
        port = 0;
        return value is { Length: > 0 and <= 5 }
            && value.All(char.IsAsciiDigit)
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is >= 1 and <= 65535;
    }

    /// <summary>
    /// An IPv4 dotted quad or an IPv6 address (no zone), written back in canonical form; IPv6 in
    /// brackets so HAProxy reads the port after it. `1`, `10.0.0.1 backup` and the like are refused.
    /// </summary>
    public static bool TryFormatAddress(string? value, out string address)
    {
        address = string.Empty;
        if (value is null || !IPAddress.TryParse(value, out var parsed))
        {
            return false;
        }

        if (parsed.AddressFamily == AddressFamily.InterNetwork && Ipv4().IsMatch(value))
        {
            address = parsed.ToString();
            return true;
        }

        if (parsed.AddressFamily == AddressFamily.InterNetworkV6 && parsed.ScopeId == 0 && !value.Contains('%', StringComparison.Ordinal))
        {
            address = "[" + parsed + "]";
            return true;
        }

        return false;
    }

    /// <summary>A Rancher uuid: letters, digits, '-', '_' and '.', 128 characters at most.</summary>
    public static bool IsUuid(string? value) => value is not null && Uuid().IsMatch(value);

    /// <summary>
    /// Letters, digits, '-' and '.' kept; anything else, '_' included, becomes '-'. Server names are
    /// `service_uuid`: with no '_' in the service part, the first '_' ends it, so distinct uuids
    /// always give distinct names (HAProxy refuses two servers of one name in a backend).
    /// </summary>
    public static string SanitiseName(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var character in value)
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) || character is '-' or '.' ? character : '-');
        }

        return builder.Length == 0 ? "-" : builder.ToString();
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Uuid();
}

using System.Text.RegularExpressions;

namespace RancherHaproxy.Configuration;

/// <summary>Syntax checks for values that end up in HAProxy's config or its environment.</summary>
internal static partial class SettingsValidation
{
    /// <summary>A DNS name: dot-separated labels of letters, digits and inner hyphens, 253 characters at most.</summary>
    public static bool IsDnsName(string value) => value.Length <= 253 && DnsName().IsMatch(value);

    /// <summary>host or host:port, where host is a DNS name or an IPv4 address.</summary>
    public static bool IsHostAndPort(string value)
    {
        var colon = value.LastIndexOf(':');
        var host = colon < 0 ? value : value[..colon];
        if (colon >= 0 && (!int.TryParse(value[(colon + 1)..], System.Globalization.NumberStyles.None, null, out var port)
            || port is < 1 or > 65535))
        {
            return false;
        }

        return IsDnsName(host);
    }

    public static bool IsSafePath(string value) =>
        value.Length > 0 && !value.Any(c => char.IsControl(c) || c is '"' or '\'' or '$' or '\\');

    /// <summary>A Docker label key as users write them: letters, digits, '.', '-', '_' and '/'.</summary>
    public static bool IsLabelKey(string value) => LabelKey().IsMatch(value);

    /// <summary>A metadata API version path segment: a date such as 2015-12-19, or latest.</summary>
    public static bool IsApiVersion(string value) => value == "latest" || ApiVersion().IsMatch(value);

    /// <summary>A time as HAProxy reads it: digits and an optional unit (us, ms, s, m, h, d).</summary>
    public static bool IsHaproxyTime(string value) => HaproxyTime().IsMatch(value);

    [GeneratedRegex("^[0-9]{1,9}(us|ms|s|m|h|d)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HaproxyTime();

    [GeneratedRegex("^(?=.{1,253}\\z)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsName();

    [GeneratedRegex("^[A-Za-z0-9._/-]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelKey();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersion();
}

using System.Globalization;
using System.Net;

namespace RancherHaproxy.Configuration;

/// <summary>UNKNOWN_HOST_STATUS, EXTRA_DOMAINS, INDEX_HOST, INDEX_ALLOW, INDEX_LABELS, CONSOLIDATE_AFTER.</summary>
internal static partial class SettingsLoader
{
    private static readonly Dictionary<string, int> UnknownHostStatuses = new(StringComparer.Ordinal) { ["404"] = 404, ["503"] = 503 };

    private static ReviewAppSettings ReadReviewApps(SettingsReader reader, string stackDomain) => new(
        reader.Choice("UNKNOWN_HOST_STATUS", 404, UnknownHostStatuses),
        ReadDomains(reader, "EXTRA_DOMAINS"),
        ReadIndexHost(reader, stackDomain),
        ReadNetworks(reader, "INDEX_ALLOW"),
        ReadLabelList(reader, "INDEX_LABELS"),
        ReadDuration(reader, "CONSOLIDATE_AFTER", TimeSpan.FromMinutes(10)));

    private static List<string> List(SettingsReader reader, string name) =>
        (reader.Optional(name) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static List<string> ReadDomains(SettingsReader reader, string name)
    {
        var domains = new List<string>();
        foreach (var entry in List(reader, name))
        {
            var domain = entry.TrimEnd('.').ToLowerInvariant();
            if (!SettingsValidation.IsDnsName(domain) || !domain.Contains('.', StringComparison.Ordinal))
            {
                reader.Fail(name, $"must list DNS names such as review.example.org, not '{entry}'");
            }
            else if (!domains.Contains(domain))
            {
                domains.Add(domain);
            }
        }

        return domains;
    }

    private static string? ReadIndexHost(SettingsReader reader, string stackDomain)
    {
        var value = reader.Optional("INDEX_HOST")?.TrimEnd('.').ToLowerInvariant();
        if (value is null)
        {
            return null;
        }

        var host = value.Contains('.', StringComparison.Ordinal) ? value : $"{value}.{stackDomain}";
        if (!SettingsValidation.IsDnsName(host))
        {
            reader.Fail("INDEX_HOST", $"must be a name such as index or index.example.com, not '{value}'");
        }

        return host;
    }

    private static IReadOnlyList<string> ReadNetworks(SettingsReader reader, string name)
    {
        if (reader.Optional(name) is null)
        {
            return ReviewAppSettings.DefaultIndexAllow;
        }

        var networks = new List<string>();
        var entries = List(reader, name);
        foreach (var entry in entries)
        {
            var text = entry.Contains('/', StringComparison.Ordinal) ? entry : entry + (entry.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");
            if (IPNetwork.TryParse(text, out var network))
            {
                networks.Add(network.ToString());
            }
            else
            {
                reader.Fail(name, $"must list networks such as 10.0.0.0/8 or addresses, not '{entry}'");
            }
        }

        if (entries.Count == 0)
        {
            reader.Fail(name, "lists no network; set 0.0.0.0/0 to allow everyone, or unset it for the private ranges");
        }

        return networks;
    }

    private static List<string> ReadLabelList(SettingsReader reader, string name)
    {
        var labels = List(reader, name);
        foreach (var label in labels.Where(label => !SettingsValidation.IsLabelKey(label)))
        {
            reader.Fail(name, $"must list label keys of letters, digits, '.', '-', '_' or '/', not '{label}'");
        }

        return labels.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>`0`, plain seconds, or a number with s, m or h.</summary>
    private static TimeSpan ReadDuration(SettingsReader reader, string name, TimeSpan defaultValue)
    {
        var value = reader.Optional(name);
        if (value is null)
        {
            return defaultValue;
        }

        var unit = value.Length > 0 && char.IsAsciiLetter(value[^1]) ? value[^1] : 's';
        var digits = value.Length > 0 && char.IsAsciiLetter(value[^1]) ? value[..^1] : value;
        var seconds = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        if (seconds == 0 || digits.Length is 0 or > 6 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            reader.Fail(name, $"must be 0 (never) or a time such as 90s, 10m or 1h, not '{value}'");
            return defaultValue;
        }

        return TimeSpan.FromSeconds((double)count * seconds);
    }
}

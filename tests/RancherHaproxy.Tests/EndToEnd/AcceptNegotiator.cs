using System.Globalization;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// golang/gddo's NegotiateContentType as rancher-metadata calls it (reference/rancher-metadata.md §2):
/// offers in order text/plain, application/json, the YAML types; default text/plain. Only
/// <c>Accept: application/json</c> (or <c>application/*</c>, or JSON at a higher q) yields JSON.
/// </summary>
internal static class AcceptNegotiator
{
    public const string Text = "text/plain";
    public const string Json = "application/json";

    private static readonly string[] Offers =
        [Text, Json, "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    /// <summary>True when the response is JSON. YAML is answered as JSON, which YAML parsers accept.</summary>
    public static bool WantsJson(string? accept) => Negotiate(accept) != Text;

    public static string Negotiate(string? accept)
    {
        var best = Text;
        var bestQuality = -1.0;
        var bestWildness = 3;
        var specs = Parse(accept ?? string.Empty);
        foreach (var offer in Offers)
        {
            foreach (var (value, quality) in specs)
            {
                if (quality == 0.0 || quality < bestQuality)
                {
                    continue;
                }

                var (wildness, matches) = value switch
                {
                    "*/*" => (2, true),
                    _ when value.EndsWith("/*", StringComparison.Ordinal) => (1, offer.StartsWith(value[..^1], StringComparison.Ordinal)),
                    _ => (0, value == offer),
                };
                if (matches && (quality > bestQuality || bestWildness > wildness))
                {
                    best = offer;
                    bestQuality = quality;
                    bestWildness = wildness;
                }
            }
        }

        return best;
    }

    private static List<(string Value, double Quality)> Parse(string accept)
    {
        var specs = new List<(string, double)>();
        foreach (var part in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var quality = 1.0;
            foreach (var parameter in pieces.Skip(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(parameter[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    quality = parsed;
                }
            }

            specs.Add((pieces[0].ToLowerInvariant(), quality));
        }

        return specs;
    }
}

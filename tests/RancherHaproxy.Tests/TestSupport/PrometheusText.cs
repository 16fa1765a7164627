using System.Globalization;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// A strict reader of the Prometheus text exposition format (version 0.0.4), for the tests only:
/// <c># HELP</c> and <c># TYPE</c> lines, samples with escaped label values, optional timestamps,
/// histograms checked for their buckets, <c>_sum</c> and <c>_count</c>. Whatever a real scraper would
/// refuse or misread (a malformed line, a family split in two, a duplicate sample, a bad histogram)
/// is a <see cref="FormatException"/> naming the line, so a test that parses a scrape also proves
/// that Prometheus could read it.
/// </summary>
internal sealed partial class PrometheusText
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "counter", "gauge", "histogram", "summary", "untyped" };

    private PrometheusText(IReadOnlyList<PrometheusFamily> families) => Families = families;

    /// <summary>The families in the order the scrape declared them.</summary>
    public IReadOnlyList<PrometheusFamily> Families { get; }

    public static PrometheusText Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The last line does not end with a line feed.");
        }

        var reader = new Reader();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length - 1; index++)
        {
            try
            {
                reader.Add(lines[index]);
            }
            catch (FormatException exception)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Line {index + 1} '{lines[index]}': {exception.Message}"), exception);
            }
        }

        var families = reader.Finish();
        foreach (var family in families.Where(family => family.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return new PrometheusText(families);
    }

    /// <summary>A sample value: a float, or <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c> as Go's ParseFloat reads them.</summary>
    public static double ParseValue(string text) => text switch
    {
        "+Inf" or "Inf" or "+inf" or "inf" => double.PositiveInfinity,
        "-Inf" or "-inf" => double.NegativeInfinity,
        "NaN" or "nan" => double.NaN,
        _ when text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new FormatException($"'{text}' is not a sample value."),
    };

    public PrometheusFamily? Family(string name) => Families.FirstOrDefault(family => family.Name == name);

    /// <summary>Every sample of every family, in order.</summary>
    public IEnumerable<PrometheusSample> Samples => Families.SelectMany(family => family.Samples);

    /// <summary>The value of the sample named <paramref name="name"/> with exactly <paramref name="labels"/>, or null when there is none.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels) =>
        Samples.FirstOrDefault(sample => sample.Name == name && sample.HasExactly(labels))?.Value;

    /// <summary>The samples named <paramref name="name"/>, whatever their labels.</summary>
    public IReadOnlyList<PrometheusSample> SamplesNamed(string name) => [.. Samples.Where(sample => sample.Name == name)];

    private static void CheckHistogram(PrometheusFamily family)
    {
        var series = family.Samples.GroupBy(sample => SeriesKey(sample), StringComparer.Ordinal);
        foreach (var one in series)
        {
            var buckets = one.Where(sample => sample.Name == family.Name + "_bucket").ToList();
            if (buckets.Count == 0 || buckets.Any(bucket => bucket.Label("le") is null))
            {
                throw new FormatException($"Histogram {family.Name}{one.Key}: every series needs buckets, each with an 'le' label.");
            }

            var bounds = buckets.Select(bucket => ParseValue(bucket.Label("le")!)).ToList();
            if (!double.IsPositiveInfinity(bounds[^1]) || bounds.Zip(bounds.Skip(1)).Any(pair => !(pair.First < pair.Second)))
            {
                throw new FormatException($"Histogram {family.Name}{one.Key}: bucket bounds must increase and end with +Inf.");
            }

            if (buckets.Zip(buckets.Skip(1)).Any(pair => pair.Second.Value < pair.First.Value))
            {
                throw new FormatException($"Histogram {family.Name}{one.Key}: bucket counts must be cumulative.");
            }

            var count = one.SingleOrDefault(sample => sample.Name == family.Name + "_count");
            if (count is null || one.SingleOrDefault(sample => sample.Name == family.Name + "_sum") is null || count.Value != buckets[^1].Value)
            {
                throw new FormatException($"Histogram {family.Name}{one.Key}: needs _sum and a _count equal to the +Inf bucket.");
            }
        }
    }

    /// <summary>A series' labels without <c>le</c>, as text: what groups a histogram's samples.</summary>
    private static string SeriesKey(PrometheusSample sample) =>
        "{" + string.Join(",", sample.Labels.Where(label => label.Key != "le").OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}=\"{label.Value}\"")) + "}";
}

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// One metric family as a scrape shows it: the name of its <c># TYPE</c> line (or of an untyped
/// sample), its type (<c>counter</c>, <c>gauge</c>, <c>histogram</c>, <c>summary</c>, <c>untyped</c>),
/// its unescaped <c># HELP</c> text (null without one) and its samples in order.
/// </summary>
internal sealed record PrometheusFamily(string Name, string Type, string? Help, IReadOnlyList<PrometheusSample> Samples)
{
    /// <summary>The <c>le</c> bounds of the histogram series whose other labels are <paramref name="labels"/>, in order.</summary>
    public IReadOnlyList<double> BucketBounds(params (string Name, string Value)[] labels) =>
        [.. Buckets(labels).Select(bucket => bucket.UpperBound)];

    /// <summary>The buckets of one histogram series: upper bound and cumulative count, in order.</summary>
    public IReadOnlyList<(double UpperBound, double Count)> Buckets(params (string Name, string Value)[] labels) =>
        [.. Samples
            .Where(sample => sample.Name == Name + "_bucket" && sample.HasExactly([.. labels, ("le", sample.Label("le") ?? string.Empty)]))
            .Select(sample => (PrometheusText.ParseValue(sample.Label("le")!), sample.Value))];

    public override string ToString() => $"{Name} ({Type}, {Samples.Count} samples)";
}

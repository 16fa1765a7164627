namespace RancherHaproxy.Tests.TestSupport;

/// <summary>One sample line of the Prometheus text format: its name (a histogram's <c>_bucket</c>, <c>_sum</c>, <c>_count</c> included), unescaped labels and value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, long? Timestamp = null)
{
    /// <summary>True when the labels are exactly <paramref name="labels"/>, no more, no fewer.</summary>
    public bool HasExactly(IReadOnlyCollection<(string Name, string Value)> labels) =>
        Labels.Count == labels.Count && labels.All(label => Labels.TryGetValue(label.Name, out var value) && value == label.Value);

    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;

    public override string ToString() =>
        $"{Name}{{{string.Join(",", Labels.Select(label => $"{label.Key}=\"{label.Value}\""))}}} {Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

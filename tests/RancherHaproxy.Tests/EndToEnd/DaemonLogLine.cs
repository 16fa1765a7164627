using System.Text.RegularExpressions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// One output line of the daemon, parsed when it has the contract's shape
/// <c>&lt;UTC timestamp&gt; &lt;level&gt; &lt;component&gt;: &lt;message&gt; key=value …</c>; otherwise only
/// <see cref="Raw"/> is set (HAProxy's own lines, a crash dump).
/// </summary>
internal sealed partial record DaemonLogLine(
    string Raw,
    bool FromStandardError,
    string? Level,
    string? Component,
    string? Message,
    IReadOnlyDictionary<string, string> Fields)
{
    public static DaemonLogLine Parse(string raw, bool fromStandardError)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var match = LinePattern().Match(raw);
        if (!match.Success)
        {
            return new DaemonLogLine(raw, fromStandardError, null, null, null, fields);
        }

        var rest = match.Groups["rest"].Value;
        var firstField = FirstFieldPattern().Match(rest);
        var message = firstField.Success ? rest[..firstField.Index] : rest;
        if (firstField.Success)
        {
            foreach (Match field in FieldPattern().Matches(rest[firstField.Index..]))
            {
                var value = field.Groups["value"].Value;
                fields[field.Groups["key"].Value] = value.StartsWith('"')
                    ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal)
                    : value;
            }
        }

        return new DaemonLogLine(raw, fromStandardError, match.Groups["level"].Value, match.Groups["component"].Value, message.Trim(), fields);
    }

    public bool Is(string component, string message) => Component == component && Message == message;

    public string? Field(string key) => Fields.TryGetValue(key, out var value) ? value : null;

    public override string ToString() => (FromStandardError ? "[stderr] " : "[stdout] ") + Raw;

    [GeneratedRegex(@"^\S+\s+(?<level>debug|info|warn|error)\s+(?<component>[^\s:]+):\s?(?<rest>.*)$")]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"(?:^|\s)[A-Za-z_][\w.\-]*=")]
    private static partial Regex FirstFieldPattern();

    [GeneratedRegex(@"(?<key>[A-Za-z_][\w.\-]*)=(?<value>""(?:[^""\\]|\\.)*""|\S*)")]
    private static partial Regex FieldPattern();
}

using System.Text.RegularExpressions;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>The line-by-line state: which family is open, which are closed, which samples were seen.</summary>
internal sealed partial class PrometheusText
{
    private sealed partial class Reader
    {
        private readonly List<Draft> _families = [];
        private readonly HashSet<string> _seenSamples = new(StringComparer.Ordinal);
        private Draft? _current;

        public void Add(string line)
        {
            if (line.Trim().Length == 0)
            {
                return;
            }

            if (line.StartsWith('#'))
            {
                AddComment(line);
                return;
            }

            var sample = SampleLine.Parse(line);
            var family = FamilyFor(sample.Name);
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}")) + "}";
            if (!_seenSamples.Add(key))
            {
                throw new FormatException($"Sample {key} appears twice.");
            }

            family.Samples.Add(sample);
        }

        public IReadOnlyList<PrometheusFamily> Finish() =>
            [.. _families.Select(draft => new PrometheusFamily(draft.Name, draft.Type ?? "untyped", draft.Help, draft.Samples))];

        private void AddComment(string line)
        {
            var parts = line.Split(' ', 4);
            if (parts.Length < 3 || parts[0] != "#" || parts[1] is not ("HELP" or "TYPE"))
            {
                // Any other comment line is allowed and means nothing.
                return;
            }

            var name = parts[2];
            if (!MetricName().IsMatch(name))
            {
                throw new FormatException($"'{name}' is not a metric name.");
            }

            var family = Open(name);
            var rest = parts.Length > 3 ? parts[3] : string.Empty;
            if (parts[1] == "HELP")
            {
                family.Help = family.Help is null ? UnescapeHelp(rest) : throw new FormatException($"A second HELP for {name}.");
                return;
            }

            if (family.Type is not null || family.Samples.Count > 0)
            {
                throw new FormatException($"TYPE for {name} after its samples or a first TYPE.");
            }

            family.Type = Types.Contains(rest) ? rest : throw new FormatException($"'{rest}' is not a metric type.");
        }

        /// <summary>The family a HELP or TYPE line names: the open one, or a new one never seen before.</summary>
        private Draft Open(string name)
        {
            if (_current?.Name == name)
            {
                return _current;
            }

            if (_families.Any(family => family.Name == name))
            {
                throw new FormatException($"Family {name} was already closed: a family's lines must be one group.");
            }

            _current = new Draft(name);
            _families.Add(_current);
            return _current;
        }

        /// <summary>The open family when the sample belongs to it (a histogram's suffixes included), else a new untyped one.</summary>
        private Draft FamilyFor(string sampleName)
        {
            if (_current is not null && Belongs(_current, sampleName))
            {
                return _current;
            }

            if (_families.Any(family => family.Name == sampleName || Belongs(family, sampleName)))
            {
                throw new FormatException($"Sample {sampleName} does not fit its family, or comes after it was closed: a family's lines must be one group.");
            }

            _current = new Draft(sampleName);
            _families.Add(_current);
            return _current;
        }

        private static bool Belongs(Draft family, string sampleName) => family.Type switch
        {
            "histogram" => sampleName == family.Name + "_bucket" || sampleName == family.Name + "_sum" || sampleName == family.Name + "_count",
            "summary" => sampleName == family.Name || sampleName == family.Name + "_sum" || sampleName == family.Name + "_count",
            _ => sampleName == family.Name,
        };

        private static string UnescapeHelp(string text)
        {
            var result = new System.Text.StringBuilder(text.Length);
            for (var index = 0; index < text.Length; index++)
            {
                if (text[index] != '\\')
                {
                    result.Append(text[index]);
                    continue;
                }

                index++;
                result.Append(index < text.Length ? text[index] switch
                {
                    '\\' => '\\',
                    'n' => '\n',
                    var other => throw new FormatException($"'\\{other}' is not an escape of a HELP text."),
                } : throw new FormatException("A HELP text ends with a lone backslash."));
            }

            return result.ToString();
        }

        [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
        private static partial Regex MetricName();

        private sealed class Draft(string name)
        {
            public string Name { get; } = name;

            public string? Type { get; set; }

            public string? Help { get; set; }

            public List<PrometheusSample> Samples { get; } = [];
        }
    }
}

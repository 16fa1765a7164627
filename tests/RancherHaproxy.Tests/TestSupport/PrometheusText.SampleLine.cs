using System.Globalization;
using System.Text;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>One sample line: <c>name[{label="value",…}] value [timestamp]</c>.</summary>
internal sealed partial class PrometheusText
{
    private static class SampleLine
    {
        public static PrometheusSample Parse(string line)
        {
            var position = 0;
            var name = Name(line, ref position, metric: true);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (position < line.Length && line[position] == '{')
            {
                position++;
                ReadLabels(line, ref position, labels);
            }

            var rest = line[position..];
            if (rest.Length == 0 || rest[0] is not (' ' or '\t'))
            {
                throw new FormatException("The name or labels are not followed by a space and a value.");
            }

            var tokens = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length is 0 or > 2)
            {
                throw new FormatException("A sample has a value and at most a timestamp after it.");
            }

            long? timestamp = tokens.Length == 2
                ? long.TryParse(tokens[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var stamp) ? stamp : throw new FormatException($"'{tokens[1]}' is not a timestamp.")
                : null;
            return new PrometheusSample(name, labels, ParseValue(tokens[0]), timestamp);
        }

        private static void ReadLabels(string line, ref int position, Dictionary<string, string> labels)
        {
            while (true)
            {
                SkipSpaces(line, ref position);
                if (position < line.Length && line[position] == '}')
                {
                    position++;
                    return;
                }

                var label = Name(line, ref position, metric: false);
                SkipSpaces(line, ref position);
                Expect(line, ref position, '=');
                SkipSpaces(line, ref position);
                Expect(line, ref position, '"');
                var value = QuotedValue(line, ref position);
                if (!labels.TryAdd(label, value))
                {
                    throw new FormatException($"Label {label} appears twice.");
                }

                SkipSpaces(line, ref position);
                if (position < line.Length && line[position] == ',')
                {
                    position++;
                    continue;
                }

                SkipSpaces(line, ref position);
                Expect(line, ref position, '}');
                return;
            }
        }

        /// <summary>A label value after its opening quote, up to the closing one: <c>\\</c>, <c>\"</c> and <c>\n</c> are the only escapes.</summary>
        private static string QuotedValue(string line, ref int position)
        {
            var value = new StringBuilder();
            while (position < line.Length && line[position] != '"')
            {
                if (line[position] != '\\')
                {
                    value.Append(line[position++]);
                    continue;
                }

                if (position + 1 >= line.Length)
                {
                    break;
                }

                value.Append(line[position + 1] switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    var other => throw new FormatException($"'\\{other}' is not an escape of a label value."),
                });
                position += 2;
            }

            Expect(line, ref position, '"');
            return value.ToString();
        }

        /// <summary>A metric name (<c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>) or a label name (no colon).</summary>
        private static string Name(string line, ref int position, bool metric)
        {
            var start = position;
            while (position < line.Length && (char.IsAsciiLetter(line[position]) || line[position] == '_' || (metric && line[position] == ':')
                || (position > start && char.IsAsciiDigit(line[position]))))
            {
                position++;
            }

            return position > start ? line[start..position] : throw new FormatException($"A {(metric ? "metric" : "label")} name is expected at column {start + 1}.");
        }

        private static void Expect(string line, ref int position, char wanted)
        {
            if (position >= line.Length || line[position] != wanted)
            {
                throw new FormatException($"'{wanted}' is expected at column {position + 1}.");
            }

            position++;
        }

        private static void SkipSpaces(string line, ref int position)
        {
            while (position < line.Length && line[position] == ' ')
            {
                position++;
            }
        }
    }
}

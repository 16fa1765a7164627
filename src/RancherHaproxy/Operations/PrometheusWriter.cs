using System.Buffers;
using System.Globalization;
using System.Text;

namespace RancherHaproxy.Operations;

/// <summary>
/// The Prometheus text exposition format (0.0.4), line by line, as UTF-8 into a buffer:
/// <c># HELP</c> and <c># TYPE</c> once per family, then samples <c>name{label="value",…} number</c>.
/// Label values escape <c>\</c>, <c>"</c> and line feeds; HELP text escapes <c>\</c> and line feeds.
/// </summary>
internal sealed class PrometheusWriter(IBufferWriter<byte> output)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public void Family(string name, string type, string help)
    {
        Append("# HELP ").Append(name).Append(" ").Escaped(help, escapeQuote: false);
        Append("\n# TYPE ").Append(name).Append(" ").Append(type).Append("\n");
    }

    public void Sample(string name, double value) => Append(name).Value(value);

    public void Sample(string name, string label, string labelValue, double value) =>
        Append(name).Append("{").Label(label, labelValue).Append("}").Value(value);

    public void Sample(string name, string label1, string value1, string label2, string value2, double value) =>
        Append(name).Append("{").Label(label1, value1).Append(",").Label(label2, value2).Append("}").Value(value);

    /// <summary>A histogram's buckets (cumulative, then +Inf), sum and count.</summary>
    public void Histogram(string name, IReadOnlyList<double> bounds, Func<int, long> cumulative, double sum, long count)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(cumulative);
        for (var index = 0; index < bounds.Count; index++)
        {
            Sample(name + "_bucket", "le", Number(bounds[index]), cumulative(index));
        }

        Sample(name + "_bucket", "le", "+Inf", count);
        Sample(name + "_sum", sum);
        Sample(name + "_count", count);
    }

    /// <summary>Prometheus' own spelling of a number: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private PrometheusWriter Append(string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
        return this;
    }

    private PrometheusWriter Label(string label, string value) => Append(label).Append("=\"").Escaped(value, escapeQuote: true).Append("\"");

    private void Value(double value)
    {
        Append(" ");
        if (double.IsFinite(value))
        {
            var span = output.GetSpan(32);
            value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture);
            output.Advance(written);
        }
        else
        {
            Append(Number(value));
        }

        Append("\n");
    }

    /// <summary>The text in runs between the characters that need escaping.</summary>
    private PrometheusWriter Escaped(string text, bool escapeQuote)
    {
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var next = escapeQuote ? rest.IndexOfAny('\\', '\n', '"') : rest.IndexOfAny('\\', '\n');
            var run = next < 0 ? rest : rest[..next];
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(run.Length));
            output.Advance(Encoding.UTF8.GetBytes(run, span));
            if (next < 0)
            {
                break;
            }

            Append(rest[next] switch { '\\' => "\\\\", '\n' => "\\n", _ => "\\\"" });
            rest = rest[(next + 1)..];
        }

        return this;
    }
}

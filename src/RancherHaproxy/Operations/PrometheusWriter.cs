using System.Globalization;
using System.Text;

namespace RancherHaproxy.Operations;

/// <summary>
/// The Prometheus text exposition format (0.0.4), line by line: <c># HELP</c> and <c># TYPE</c> once
/// per family, then samples <c>name{label="value",…} number</c>. Label values escape <c>\</c>,
/// <c>"</c> and line feeds; HELP text escapes <c>\</c> and line feeds.
/// </summary>
internal sealed class PrometheusWriter(StringBuilder output)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public void Family(string name, string type, string help)
    {
        output.Append("# HELP ").Append(name).Append(' ');
        AppendEscaped(help, escapeQuote: false);
        output.Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    public void Sample(string name, double value) => Start(name).Value(value);

    public void Sample(string name, string label, string labelValue, double value) =>
        Start(name).Labels(label, labelValue).Value(value);

    public void Sample(string name, string label1, string value1, string label2, string value2, double value) =>
        Start(name).Labels(label1, value1, label2, value2).Value(value);

    /// <summary>A histogram's buckets (cumulative, then +Inf), sum and count.</summary>
    public void Histogram(string name, IReadOnlyList<double> bounds, Func<int, long> cumulative, double sum, long count)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(cumulative);
        for (var index = 0; index < bounds.Count; index++)
        {
            Start(name + "_bucket").Labels("le", Number(bounds[index])).Value(cumulative(index));
        }

        Start(name + "_bucket").Labels("le", "+Inf").Value(count);
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

    private PrometheusWriter Start(string name)
    {
        output.Append(name);
        return this;
    }

    private PrometheusWriter Labels(string label, string value)
    {
        output.Append('{');
        Label(label, value);
        output.Append('}');
        return this;
    }

    private PrometheusWriter Labels(string label1, string value1, string label2, string value2)
    {
        output.Append('{');
        Label(label1, value1);
        output.Append(',');
        Label(label2, value2);
        output.Append('}');
        return this;
    }

    private void Label(string label, string value)
    {
        output.Append(label).Append("=\"");
        AppendEscaped(value, escapeQuote: true);
        output.Append('"');
    }

    private void Value(double value) => output.Append(' ').Append(Number(value)).Append('\n');

    private void AppendEscaped(string text, bool escapeQuote)
    {
        foreach (var character in text)
        {
            _ = character switch
            {
                '\\' => output.Append("\\\\"),
                '\n' => output.Append("\\n"),
                '"' when escapeQuote => output.Append("\\\""),
                _ => output.Append(character),
            };
        }
    }
}

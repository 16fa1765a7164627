using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Tests.Logging;

/// <summary>`&lt;ts&gt; &lt;level&gt; &lt;component&gt;: &lt;message&gt; k=v`: one event, one line, and fields that read back as written.</summary>
public sealed class LogSinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    [Fact]
    public void Write_Event_FormatsTimestampLevelComponentMessageAndFields()
    {
        // Arrange
        var (sink, output) = Sink();

        // Act
        sink.Write(LogLevel.Info, "sync", "applied", [("servers", 3), ("hosts", 2), ("file", "/tmp/domain.map")]);

        // Assert
        output.ToString().Should().Be("2026-01-02T03:04:05.678Z info  sync: applied servers=3 hosts=2 file=/tmp/domain.map\n");
    }

    [Theory]
    [InlineData((int)LogLevel.Debug, "debug")]
    [InlineData((int)LogLevel.Info, "info ")]
    [InlineData((int)LogLevel.Warn, "warn ")]
    [InlineData((int)LogLevel.Error, "error")]
    public void Write_Level_IsNamedInFiveColumns(int level, string name)
    {
        // Arrange
        var (sink, output) = Sink(LogLevel.Debug);

        // Act
        sink.Write((LogLevel)level, "c", "m", []);

        // Assert
        output.ToString().Should().Be($"2026-01-02T03:04:05.678Z {name} c: m\n");
    }

    [Fact]
    public void Write_BelowMinimumLevel_WritesNothing()
    {
        // Arrange
        var (sink, output) = Sink(LogLevel.Warn);

        // Act
        sink.Write(LogLevel.Info, "c", "hidden", []);
        sink.Write(LogLevel.Debug, "c", "hidden", []);

        // Assert
        output.ToString().Should().BeEmpty();
    }

    [Theory]
    [InlineData("a b", "\"a b\"")]
    [InlineData("", "\"\"")]
    [InlineData("k=v", "\"k=v\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    public void Write_ValueWithSpacesQuotesOrEquals_IsQuoted(string value, string expected)
    {
        // Arrange
        var (sink, output) = Sink();

        // Act
        sink.Write(LogLevel.Info, "c", "m", [("k", value)]);

        // Assert
        output.ToString().Should().Be($"2026-01-02T03:04:05.678Z info  c: m k={expected}\n");
    }

    [Fact]
    public void Write_NullAndNumbers_AreWrittenInvariantly()
    {
        // Arrange
        var (sink, output) = Sink();

        // Act
        sink.Write(LogLevel.Info, "c", "m", [("none", null), ("ratio", 2.5), ("delay", TimeSpan.FromSeconds(1.5))]);

        // Assert
        output.ToString().Should().EndWith(" m none=null ratio=2.5 delay=00:00:01.5000000\n");
    }

    [Theory]
    [InlineData("line1\nline2")]
    [InlineData("cr\rlf\r\n")]
    [InlineData("nul\0bell\a")]
    [InlineData("sep\u2028x\u0085y")]
    public void Write_NewlinesAndControlCharacters_StayOnOneLine(string hostile)
    {
        // Arrange
        var (sink, output) = Sink();

        // Act
        sink.Write(LogLevel.Warn, "routing", "not routed " + hostile, [("uuid", hostile), ("reason", "bad " + hostile)]);

        // Assert
        var text = output.ToString();
        text.Should().EndWith("\n");
        text[..^1].Should().NotContainAny("\n", "\r", "\0", "\a", "\u0085");
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("x\" forged=1")]
    [InlineData("x\\\" forged=1 y")]
    [InlineData("C:\\dir x\\")]
    [InlineData("two\nlines and \\n")]
    [InlineData("a\\nb")]
    [InlineData("'80\\\" uuid=forged' is not a port")]
    public void Write_AnyValue_ReadsBackExactlyWithNoForgedField(string value)
    {
        // Arrange
        var (sink, output) = Sink();

        // Act
        sink.Write(LogLevel.Warn, "routing", "not routed", [("reason", value), ("after", "end")]);

        // Assert: reading the fields back gives what was written, and nothing else.
        var fields = ReadFields(output.ToString().TrimEnd('\n'), "2026-01-02T03:04:05.678Z warn  routing: not routed ");
        fields.Should().Equal(("reason", value), ("after", "end"));
    }

    private static (LogSink Sink, StringWriter Output) Sink(LogLevel minimum = LogLevel.Info)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        return (new LogSink(output, minimum, new FakeTimeProvider(Now)), output);
    }

    /// <summary>A strict logfmt reader: key=value or key="quoted", with \\ \" \n \r \t \uXXXX escapes.</summary>
    private static List<(string Key, string Value)> ReadFields(string line, string prefix)
    {
        line.Should().StartWith(prefix);
        var fields = new List<(string, string)>();
        var position = prefix.Length;
        while (position < line.Length)
        {
            var equals = line.IndexOf('=', position);
            var key = line[position..equals];
            position = equals + 1;
            var quoted = line[position] == '"';
            position += quoted ? 1 : 0;
            var value = new StringBuilder();
            while (position < line.Length && (quoted ? line[position] != '"' : line[position] != ' '))
            {
                if (line[position] != '\\')
                {
                    value.Append(line[position++]);
                    continue;
                }

                var escape = line[position + 1];
                value.Append(escape switch
                {
                    '\\' => "\\",
                    '"' => "\"",
                    'n' => "\n",
                    'r' => "\r",
                    't' => "\t",
                    'u' => ((char)int.Parse(line.AsSpan(position + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
                    _ => throw new FormatException($"unknown escape \\{escape} in {line}"),
                });
                position += escape == 'u' ? 6 : 2;
            }

            position += quoted ? 2 : 1;
            fields.Add((key, value.ToString()));
        }

        return fields;
    }
}

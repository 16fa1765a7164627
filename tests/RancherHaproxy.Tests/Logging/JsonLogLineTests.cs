using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Tests.Logging;

/// <summary>LOG_FORMAT=json: one object per line, the fields typed and in order, nothing forged.</summary>
public sealed class JsonLogLineTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Write_Event_OneObjectFixedKeysThenFieldsInOrder()
    {
        // Arrange
        var (sink, output) = Sink();

        // Act
        sink.Write(LogLevel.Info, "sync", "routes applied", [("backends", 3), ("reload", false), ("fetch_ms", 4L), ("file", "/tmp/domain.map")]);

        // Assert
        output.ToString().Should().Be(
            "{\"time\":\"2026-12-01T14:00:00.123Z\",\"level\":\"info\",\"component\":\"sync\",\"message\":\"routes applied\"," +
            "\"backends\":3,\"reload\":false,\"fetch_ms\":4,\"file\":\"/tmp/domain.map\"}\n");
    }

    [Theory]
    [InlineData((int)LogLevel.Debug, "debug")]
    [InlineData((int)LogLevel.Info, "info")]
    [InlineData((int)LogLevel.Warn, "warn")]
    [InlineData((int)LogLevel.Error, "error")]
    public void Write_Level_WithoutPadding(int level, string name)
    {
        // Arrange
        var (sink, output) = Sink(LogLevel.Debug);

        // Act
        sink.Write((LogLevel)level, "c", "m", []);

        // Assert
        Parse(output).GetProperty("level").GetString().Should().Be(name);
    }

    [Fact]
    public void Write_Types_NumbersBoolsNullElseStrings()
    {
        // Arrange
        var (sink, output) = Sink();

        // Act
        sink.Write(LogLevel.Info, "c", "m",
        [
            ("int", 7), ("long", 5_000_000_000L), ("double", 2.5), ("bool", true), ("none", null),
            ("nan", double.NaN), ("delay", TimeSpan.FromSeconds(1.5)), ("port", (ushort)80), ("text", "42"),
        ]);

        // Assert
        var root = Parse(output);
        root.GetProperty("int").GetInt32().Should().Be(7);
        root.GetProperty("long").GetInt64().Should().Be(5_000_000_000L);
        root.GetProperty("double").GetDouble().Should().Be(2.5);
        root.GetProperty("bool").ValueKind.Should().Be(JsonValueKind.True);
        root.GetProperty("none").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("nan").GetString().Should().Be("NaN");
        root.GetProperty("delay").GetString().Should().Be("00:00:01.5000000");
        root.GetProperty("port").GetString().Should().Be("80");
        root.GetProperty("text").GetString().Should().Be("42");
    }

    [Theory]
    [InlineData("time")]
    [InlineData("level")]
    [InlineData("component")]
    [InlineData("message")]
    public void Write_ReservedKey_WrittenAsFieldPrefixed(string key)
    {
        // Arrange
        var (sink, output) = Sink();

        // Act
        sink.Write(LogLevel.Warn, "routing", "not routed", [(key, "forged")]);

        // Assert
        var root = Parse(output);
        root.GetProperty("field_" + key).GetString().Should().Be("forged");
        root.EnumerateObject().Select(property => property.Name).Should().OnlyHaveUniqueItems();
        root.GetProperty("message").GetString().Should().Be("not routed");
    }

    [Theory]
    [InlineData("line1\nline2")]
    [InlineData("cr\rlf\r\n")]
    [InlineData("nul\0bell\a")]
    [InlineData("sep\u2028x\u0085y\u2029")]
    [InlineData("quote\" brace} \\ back")]
    [InlineData("lone \ud800 surrogate \udc00")]
    [InlineData("é ü 日本 <tag> & 'x' +1")]
    public void Write_HostileText_OneLineThatReadsBackExactly(string hostile)
    {
        // Arrange
        var (sink, output) = Sink();

        // Act
        sink.Write(LogLevel.Warn, "routing", "not routed " + hostile, [("uuid", hostile), (hostile, "key")]);

        // Assert: one line, no raw control or line separator, and the text reads back (lone surrogates as U+FFFD).
        var text = output.ToString();
        text.Should().EndWith("}\n");
        text[..^1].Should().NotContainAny("\n", "\r", "\0", "\a", "\u0085", "\u2028", "\u2029");
        var expected = hostile.Replace('\ud800', '\uFFFD').Replace('\udc00', '\uFFFD');
        var root = Parse(output);
        root.GetProperty("message").GetString().Should().Be("not routed " + expected);
        root.GetProperty("uuid").GetString().Should().Be(expected);
        root.GetProperty(expected).GetString().Should().Be("key");
    }

    [Fact]
    public void Write_ManyEvents_OneObjectPerLine()
    {
        // Arrange
        var (sink, output) = Sink();

        // Act
        sink.Write(LogLevel.Info, "haproxy", "127.0.0.1:5 [01/Dec/2026:14:46:16.138] http-in b/s 0/0/0/0/0 200 147 - - ---- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\" stack=a user=-", []);
        sink.Write(LogLevel.Info, "sync", "routes applied", [("servers", 3)]);

        // Assert
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("component").GetString()).Should().Equal("haproxy", "sync");
        JsonDocument.Parse(lines[0]).RootElement.GetProperty("message").GetString().Should().Contain("\"GET / HTTP/1.1\" stack=a");
    }

    private static (LogSink Sink, StringWriter Output) Sink(LogLevel minimum = LogLevel.Info)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        return (new LogSink(output, minimum, new FakeTimeProvider(Now), LogFormat.Json), output);
    }

    private static JsonElement Parse(StringWriter output)
    {
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle();
        return JsonDocument.Parse(lines[0]).RootElement.Clone();
    }
}

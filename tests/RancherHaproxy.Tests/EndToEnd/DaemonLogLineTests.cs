namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>The end-to-end tests wait on parsed daemon lines; a parser that misreads them would hide events.</summary>
public sealed class DaemonLogLineTests
{
    [Fact]
    public void Parse_ContractLine_ReadsLevelComponentMessageAndFields()
    {
        var line = DaemonLogLine.Parse("2025-11-25T03:00:00.123Z info  sync: routes applied backends=2 servers=3 hosts=2", fromStandardError: false);

        line.Level.Should().Be("info");
        line.Component.Should().Be("sync");
        line.Message.Should().Be("routes applied");
        line.Fields.Should().Equal(new Dictionary<string, string> { ["backends"] = "2", ["servers"] = "3", ["hosts"] = "2" });
        line.Is("sync", "routes applied").Should().BeTrue();
    }

    [Fact]
    public void Parse_QuotedFieldValue_Unquotes()
    {
        var line = DaemonLogLine.Parse("2025-11-25T03:00:00.123Z error settings: invalid value variable=POLL_INTERVAL value=\"a \\\"b\\\"\"", fromStandardError: true);

        line.Message.Should().Be("invalid value");
        line.Field("variable").Should().Be("POLL_INTERVAL");
        line.Field("value").Should().Be("a \"b\"");
    }

    [Fact]
    public void Parse_ForeignLine_KeepsOnlyRaw()
    {
        var line = DaemonLogLine.Parse("[NOTICE]   (1234) : New worker (1235) forked", fromStandardError: false);

        line.Component.Should().BeNull();
        line.Raw.Should().StartWith("[NOTICE]");
    }
}

using System.Globalization;
using System.Text.Json;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>LOG_FORMAT=json: every line of a run is one JSON object, the daemon's and HAProxy's alike; a bad LOG_FORMAT exits 2.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class JsonLogTests(ITestOutputHelper output) : OperationsTest(output)
{
    private static readonly HashSet<string> Levels = new(StringComparer.Ordinal) { "debug", "info", "warn", "error" };

    /// <summary>
    /// Catches a text line left in the stream (one an aggregator cannot parse), HAProxy's forwarded
    /// output not wrapped, numbers written as strings, and a padded level.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task JsonLog_WholeRun_EveryStdoutLineIsAnObjectWithTypedFields()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        // No agent IP in metadata: HAProxy's request logs go to stdout, through the daemon.
        Harness.Metadata.SetRawAnswer("self/host/agent_ip", RawAnswer.Text(404, "Not found\n"));
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { ["LOG_FORMAT"] = "json" });
        var applied = JsonLogLine.TryParse(await daemon.WaitForLineAsync(
            line => JsonLogLine.Is(line, "sync", "routes applied"), EndToEndHarness.StartTimeout, "a JSON 'routes applied'"))!;
        var path = "/json-log-" + Guid.NewGuid().ToString("N");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"), path)).Backend.Should().Be("alpha-1");
        await daemon.WaitForLineAsync(line => line.Raw.Contains(path, StringComparison.Ordinal), EndToEndHarness.ChangeTimeout, "the request log line");
        daemon.Signal(UnixSignal.Terminate);
        (await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().Be(0);

        var stdout = daemon.Lines.Where(line => !line.FromStandardError).ToList();
        stdout.Should().NotBeEmpty();
        stdout.Should().AllSatisfy(line =>
        {
            var json = JsonLogLine.TryParse(line);
            json.Should().NotBeNull("every stdout line is a JSON object: {0}", line.Raw);
            var time = JsonLogLine.Text(json!, "time");
            DateTimeOffset.TryParseExact(time, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                .Should().BeTrue("time is UTC ISO-8601 with milliseconds: {0}", line.Raw);
            Levels.Should().Contain(JsonLogLine.Text(json!, "level") ?? "(none)", "level is unpadded: {0}", line.Raw);
            JsonLogLine.Text(json!, "component").Should().NotBeNullOrEmpty();
            JsonLogLine.Text(json!, "message").Should().NotBeNull();
            json!.Select(pair => pair.Key).Take(4).Should().Equal(["time", "level", "component", "message"], "the fixed fields come first: {0}", line.Raw);
        });
        applied["servers"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        applied["servers"]!.GetValue<int>().Should().Be(1);
        applied["backends"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        applied["reload"]!.GetValueKind().Should().BeOneOf(JsonValueKind.True, JsonValueKind.False);
        var haproxy = stdout.Select(JsonLogLine.TryParse).Where(json => JsonLogLine.Text(json!, "component") == "haproxy").ToList();
        haproxy.Should().Contain(json => JsonLogLine.Text(json!, "message")!.Contains(path, StringComparison.Ordinal), "the request log is a message of component haproxy");
        haproxy.Should().Contain(json => JsonLogLine.Text(json!, "message") == "started", "the daemon's own haproxy events are there too");
    }

    /// <summary>Catches a typo that silently falls back to text: an operator who asked for JSON must know.</summary>
    [Fact(Timeout = 30_000)]
    public async Task JsonLog_BogusFormat_ExitsTwoNamingLogFormat()
    {
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { ["LOG_FORMAT"] = "bogus" });

        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        exitCode.Should().Be(2);
        daemon.Lines.Should().Contain(line => line.Level == "error" && line.Field("variable") == "LOG_FORMAT", "a text line names the variable");
        HaproxyProcesses.Find(Harness.Directory.Path).Should().BeEmpty("nothing started");
    }

    /// <summary>Catches settings errors printed as text before the JSON logger exists.</summary>
    [Fact(Timeout = 30_000)]
    public async Task JsonLog_OtherBadSetting_ErrorLineIsJsonNamingIt()
    {
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { ["LOG_FORMAT"] = "json", ["HTTP_PORT"] = "70000" });

        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        exitCode.Should().Be(2);
        var errors = daemon.Lines.Select(JsonLogLine.TryParse).Where(json => json is not null && JsonLogLine.Text(json, "level") == "error").ToList();
        errors.Should().Contain(json => JsonLogLine.Text(json!, "variable") == "HTTP_PORT", "the error is a JSON line naming HTTP_PORT");
        daemon.Lines.Where(line => line.Raw.Contains("HTTP_PORT", StringComparison.Ordinal)).Should()
            .AllSatisfy(line => JsonLogLine.TryParse(line).Should().NotBeNull("no text copy: {0}", line.Raw));
    }
}

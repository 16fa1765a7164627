using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Logging;
using RancherHaproxy.Routing;
using RancherHaproxy.Sync;

namespace RancherHaproxy.Tests.Sync;

/// <summary>Each notice is logged once when it appears, not on every poll.</summary>
public sealed class NoticeReporterTests
{
    private static readonly RoutingNotice BadLabel = new(true, "container=c-1", "label map-public-http", "'80a' is not a port from 1 to 65535; skipped");
    private static readonly RoutingNotice Stopped = new(false, "container=c-2", "state", "state is stopped, not running");

    [Fact]
    public void Report_NewWarning_LogsOneWarnLineNamingTheContainerAndField()
    {
        // Arrange
        var (reporter, output) = Reporter(LogLevel.Info);

        // Act
        reporter.Report([BadLabel], []);

        // Assert
        Lines(output).Should().ContainSingle().Which.Should().Match(
            "* warn  routing: not routed container=c-1 field=\"label map-public-http\" reason=\"'80a' is not a port from 1 to 65535; skipped\"");
    }

    [Fact]
    public void Report_SameNoticesAgain_LogsNothingNew()
    {
        // Arrange
        var (reporter, output) = Reporter(LogLevel.Debug);
        reporter.Report([BadLabel, Stopped], ["metadata key aliases is not a map"]);

        // Act
        reporter.Report([Stopped, BadLabel], ["metadata key aliases is not a map"]);

        // Assert
        Lines(output).Should().HaveCount(3);
    }

    [Fact]
    public void Report_NoticeGoneThenBack_LogsItAgain()
    {
        // Arrange
        var (reporter, output) = Reporter(LogLevel.Info);
        reporter.Report([BadLabel], []);
        reporter.Report([], []);

        // Act
        reporter.Report([BadLabel], []);

        // Assert
        Lines(output).Should().HaveCount(2);
    }

    [Fact]
    public void Report_OrdinaryState_IsDebugNotWarn()
    {
        // Arrange
        var (atInfo, infoOutput) = Reporter(LogLevel.Info);
        var (atDebug, debugOutput) = Reporter(LogLevel.Debug);

        // Act
        atInfo.Report([Stopped], []);
        atDebug.Report([Stopped], []);

        // Assert
        Lines(infoOutput).Should().BeEmpty("a stopped container is not worth a warning");
        Lines(debugOutput).Should().ContainSingle().Which.Should().Contain(" debug routing: not routed container=c-2 field=state");
    }

    [Fact]
    public void Report_MetadataProblem_LogsItOnceAsWarning()
    {
        // Arrange
        var (reporter, output) = Reporter(LogLevel.Info);

        // Act
        reporter.Report([], ["metadata key ssl_cert is not a string; ignored", "metadata key ssl_cert is not a string; ignored"]);

        // Assert
        Lines(output).Should().ContainSingle().Which.Should().EndWith(" warn  routing: metadata key ssl_cert is not a string; ignored");
    }

    private static (NoticeReporter Reporter, StringWriter Output) Reporter(LogLevel minimum)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var sink = new LogSink(output, minimum, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        return (new NoticeReporter(new Logger(sink, "routing")), output);
    }

    private static string[] Lines(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

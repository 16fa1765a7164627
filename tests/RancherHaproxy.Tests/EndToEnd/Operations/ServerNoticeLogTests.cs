using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>
/// HAProxy's notices about a server: the ones the daemon's own Runtime API commands cause are info
/// and logged once; a server going DOWN because its health check failed stays a warning, once.
/// Each count is taken after a later event (a new apply) so that a second copy would have arrived.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ServerNoticeLogTests(ITestOutputHelper output) : OperationsTest(output)
{
    /// <summary>Catches warn lines for normal changes (an operator's alert on every deploy) and each notice logged twice (stderr and the log target).</summary>
    [Fact(Timeout = 60_000)]
    public async Task Notices_ContainerAddedThenDrainedAndRemoved_EachOnceAtInfo()
    {
        var first = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        var second = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-2"));
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1"));
        Harness.Metadata.Publish(first);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();
        var linesBefore = daemon.LineCount;

        Harness.Metadata.Publish(first, second);
        await daemon.WaitForLineAsync(line => IsNotice(line, second.Uuid), EndToEndHarness.ChangeTimeout, "HAProxy's notice about the new server", linesBefore);
        Harness.Metadata.Publish(first);
        await daemon.WaitForEventAsync("sync", "drained server removed", EndToEndHarness.ChangeTimeout, linesBefore);
        var linesBeforeAnchor = daemon.LineCount;
        Harness.Metadata.Publish(first, beta);
        await daemon.WaitForEventAsync("sync", "routes applied", EndToEndHarness.ChangeTimeout, linesBeforeAnchor);

        var notices = daemon.Lines.Skip(linesBefore).Where(line => IsNotice(line, second.Uuid)).ToList();
        notices.Should().NotBeEmpty();
        notices.Should().AllSatisfy(line =>
        {
            line.Level.Should().Be("info", "the daemon caused it ({0})", line.Raw);
            line.Component.Should().Be("haproxy");
        });
        notices.Count(line => line.Raw.Contains("UP", StringComparison.Ordinal) || line.Raw.Contains("leaving", StringComparison.Ordinal))
            .Should().Be(1, "the server coming up is one event: {0}", Describe(notices));
        notices.Count(line => line.Raw.Contains("enters drain", StringComparison.Ordinal)).Should().Be(1, "the drain is one event: {0}", Describe(notices));
        notices.Count(line => line.Raw.Contains("DOWN for maintenance", StringComparison.Ordinal) || line.Raw.Contains("enters maintenance", StringComparison.Ordinal))
            .Should().Be(1, "the removal is one event: {0}", Describe(notices));
        daemon.Lines.Skip(linesBefore).Should().NotContain(
            line => line.Level == "warn" && line.Raw.Contains(second.Uuid, StringComparison.Ordinal), "nothing about a normal change is a warning");
    }

    /// <summary>Catches a fix that silences every server notice: a real failure stays a warning, and is said once.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Notices_ServerFailsItsHealthCheck_OneWarnLine()
    {
        // HAProxy checks only what the config asks it to: the shipped config plus a default-server with
        // fast checks. SPARE_BACKENDS=0 makes the first routes a reload, so the server is declared in the
        // backends file (dynamic servers added through the Runtime API ignore default-server).
        var config = Harness.Directory.Combine("checked-haproxy.cfg");
        var shipped = await File.ReadAllTextAsync(RepositoryPaths.ShippedHaproxyConfig);
        await File.WriteAllTextAsync(config, shipped.Replace("defaults\n    mode http\n", "defaults\n    mode http\n    default-server check inter 200ms fall 1 rise 1\n", StringComparison.Ordinal));
        await using var failing = await BackendListener.StartAsync("alpha-1");
        var alpha = ContainerBuilder.RoutedTo("alpha", failing);
        var sibling = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-2"));
        Harness.Metadata.Publish(alpha);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["HAPROXY_CONFIG"] = config, ["SPARE_BACKENDS"] = "0" });
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-1", EndToEndHarness.ChangeTimeout, "alpha-1 checked and up");
        var linesBefore = daemon.LineCount;

        await failing.DisposeAsync();
        await daemon.WaitForLineAsync(line => IsDown(line, alpha.Uuid), TimeSpan.FromSeconds(10), "HAProxy's notice that the server is DOWN", linesBefore);
        var linesBeforeAnchor = daemon.LineCount;
        // The anchor: a sibling joins through the Runtime API (a reload would start a new worker whose
        // own first check would rightly report the dead server again).
        Harness.Metadata.Publish(alpha, sibling);
        await daemon.WaitForLineAsync(
            line => line.Is("sync", "routes applied") && line.Field("reload") == "false", TimeSpan.FromSeconds(10), "routes applied reload=false", linesBeforeAnchor);

        var down = daemon.Lines.Skip(linesBefore).Where(line => IsDown(line, alpha.Uuid)).ToList();
        down.Should().ContainSingle("one failure, one line: {0}", Describe(down));
        down[0].Level.Should().Be("warn", "a failed health check is what an operator must see");
        down[0].Component.Should().Be("haproxy");
    }

    /// <summary>A line of HAProxy's about the server named after <paramref name="uuid"/> changing state (not the CLI's "New server registered").</summary>
    private static bool IsNotice(DaemonLogLine line, string uuid) =>
        line.Raw.Contains("Server ", StringComparison.Ordinal) && line.Raw.Contains(uuid, StringComparison.Ordinal)
        && (line.Raw.Contains("maintenance", StringComparison.Ordinal) || line.Raw.Contains("drain", StringComparison.Ordinal)
            || line.Raw.Contains(" is UP", StringComparison.Ordinal) || line.Raw.Contains(" is DOWN", StringComparison.Ordinal));

    private static bool IsDown(DaemonLogLine line, string uuid) =>
        line.Raw.Contains("Server ", StringComparison.Ordinal) && line.Raw.Contains(uuid, StringComparison.Ordinal) && line.Raw.Contains(" is DOWN", StringComparison.Ordinal);

    private static string Describe(IEnumerable<DaemonLogLine> lines) => string.Join(" | ", lines.Select(line => line.ToString()));
}

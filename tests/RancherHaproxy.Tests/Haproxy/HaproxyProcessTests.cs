using System.Diagnostics;
using System.Globalization;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Haproxy;

/// <summary>The process wrapper on its own, with /bin/sh playing HAProxy: no HAProxy needed.</summary>
public sealed class HaproxyProcessTests
{
    [Fact(Timeout = 10000)]
    public async Task Exited_ProcessPrintsAndExits_CompletesWithItsCodeAfterEveryLineIsLogged()
    {
        var logger = TestLogger.Capturing("haproxy", out var lines);
        using var process = Shell("echo '[NOTICE]   (1) : loading'; echo '[WARNING]  (1) : a warning' >&2; echo '[ALERT]    (1) : an alert'; exit 3", logger);

        var pid = await process.StartAsync();
        var exitCode = await process.Exited;

        exitCode.Should().Be(3);
        process.Id.Should().Be(pid);
        lines().Should().Contain(line => line.Contains(" info  haproxy: (1) : loading", StringComparison.Ordinal))
            .And.Contain(line => line.Contains(" warn  haproxy: (1) : a warning", StringComparison.Ordinal))
            .And.Contain(line => line.Contains(" error haproxy: (1) : an alert", StringComparison.Ordinal));
        process.Output.ProblemsSince(0).Should().Equal("[ALERT]    (1) : an alert");
    }

    [Fact(Timeout = 10000)]
    public async Task Forward_ServerNoticeOnBothStreams_LoggedOnceAtInfoRequestLineKept()
    {
        // Arrange: what HAProxy prints for one drain with `log stdout`, and a request log line.
        var logger = TestLogger.Capturing("haproxy", out var lines);
        using var process = Shell(
            "echo 'Server b/s enters drain state. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.'; " +
            "echo '[WARNING]  (9) : Server b/s enters drain state. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.' >&2; " +
            "echo '127.0.0.1:5 [01/Dec/2026:14:46:16.138] http-in b/s 0/0/0/0/0 200 147 - - ---- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\" stack=a user=-'",
            logger);

        // Act
        await process.StartAsync();
        await process.Exited;

        // Assert
        lines().Where(line => line.Contains("enters drain state", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain(" info  haproxy: (9) : Server b/s enters drain state.");
        lines().Should().ContainSingle(line => line.Contains(" info  haproxy: 127.0.0.1:5 ", StringComparison.Ordinal));
    }

    [Fact(Timeout = 10000)]
    public async Task Exited_AChildKeepsTheOutputOpen_CompletesWithinTheDrainBound()
    {
        using var process = Shell("sleep 30 & echo $!; exit 0", TestLogger.Capturing("haproxy", out var lines));
        await process.StartAsync();
        var stopwatch = Stopwatch.StartNew();

        var exitCode = await process.Exited;

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "the output drain is bounded (2 s) while the sleeper holds the pipe for 30 s");
        exitCode.Should().Be(0);
        var sleeper = int.Parse(lines()[0].Split(": ")[^1], CultureInfo.InvariantCulture);
        NativeMethods.SendSignal(sleeper, NativeMethods.SigKill).Should().Be(0);
    }

    [Fact(Timeout = 10000)]
    public async Task Signal_Running_ReachesTheProcessAndNotAfterItsExit()
    {
        using var process = Shell("trap 'exit 7' USR1; while true; do sleep 0.05; done", TestLogger.Discarding);
        process.Signal(NativeMethods.SigUsr1).Should().BeNull("nothing is started yet");
        await process.StartAsync();
        await Task.Delay(300); // sh has no event to wait on that says its trap is installed

        process.Signal(NativeMethods.SigUsr1).Should().Be(0);

        (await process.Exited).Should().Be(7);
        process.Signal(NativeMethods.SigKill).Should().BeNull("an exited child's pid may belong to someone else by now");
    }

    [Fact(Timeout = 10000)]
    public async Task StartAsync_MissingProgram_ThrowsAndFaultsExited()
    {
        using var process = new HaproxyProcess(["/nonexistent/haproxy"], new Dictionary<string, string>(), TestLogger.Discarding);

        var start = () => process.StartAsync();

        await start.Should().ThrowAsync<HaproxyException>().WithMessage("*/nonexistent/haproxy*");
        await process.Invoking(p => p.Exited).Should().ThrowAsync<HaproxyException>();
        process.Id.Should().BeNull();
    }

    [Fact(Timeout = 10000)]
    public async Task StartAsync_Environment_IsSetForTheProcess()
    {
        var logger = TestLogger.Capturing("haproxy", out var lines);
        using var process = new HaproxyProcess(
            ["/bin/sh", "-c", "echo \"map=$" + HaproxyVariables.DomainMap + "\""],
            new Dictionary<string, string> { [HaproxyVariables.DomainMap] = "/tmp/domain.map" },
            logger);

        await process.StartAsync();
        await process.Exited;

        lines().Should().Contain(line => line.EndsWith("map=/tmp/domain.map", StringComparison.Ordinal));
    }

    private static HaproxyProcess Shell(string script, RancherHaproxy.Logging.Logger logger) =>
        new(["/bin/sh", "-c", script], new Dictionary<string, string>(), logger);
}

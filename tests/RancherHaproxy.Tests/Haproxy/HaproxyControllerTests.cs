using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Haproxy;

/// <summary>Against the real haproxy binary, the shipped haproxy.cfg and loopback traffic only.</summary>
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class HaproxyControllerTests
{
    [Fact(Timeout = 30000)]
    public async Task StartAsync_ShippedConfig_ServesNoRouteFromTheMasterInThePidFile()
    {
        using var harness = new HaproxyHarness();
        await using var controller = harness.CreateController();

        await controller.StartAsync(CancellationToken.None);

        var pidFromFile = int.Parse(File.ReadAllLines(harness.Options.PidFilePath)[0], CultureInfo.InvariantCulture);
        controller.MasterPid.Should().Be(pidFromFile);
        controller.WorkerPid.Should().NotBeNull().And.NotBe(pidFromFile);
        ProcessLiveness.IsRunningHaproxy(controller.WorkerPid!.Value).Should().BeTrue();
        var (status, body) = await harness.GetAsync("unknown.example", CancellationToken.None);
        status.Should().Be(503);
        body.Should().Contain("No route for this host");
        harness.LogText.Should().Contain("started").And.Contain($"master_pid={pidFromFile}");
        controller.Exited.IsCompleted.Should().BeFalse();
    }

    [Fact(Timeout = 30000)]
    public async Task ReloadAsync_ValidConfig_KeepsMasterAndReplacesWorker()
    {
        using var harness = new HaproxyHarness();
        await using var controller = harness.CreateController();
        await controller.StartAsync(CancellationToken.None);
        var masterBefore = controller.MasterPid;
        var workerBefore = controller.WorkerPid;

        var outcome = await controller.ReloadAsync(CancellationToken.None);

        outcome.Succeeded.Should().BeTrue(outcome.Detail);
        outcome.WorkerPid.Should().NotBeNull().And.NotBe(workerBefore!.Value);
        outcome.ReloadCount.Should().Be(1);
        controller.MasterPid.Should().Be(masterBefore);
        controller.WorkerPid.Should().Be(outcome.WorkerPid);
        (await harness.GetAsync("unknown.example", CancellationToken.None)).Status.Should().Be(503);
        harness.LogText.Should().Contain("reload succeeded").And.Contain($"worker_pid={outcome.WorkerPid}");
    }

    [Fact(Timeout = 30000)]
    public async Task ReloadAsync_TwiceInParallel_BothSucceedOneAfterTheOther()
    {
        using var harness = new HaproxyHarness();
        await using var controller = harness.CreateController();
        await controller.StartAsync(CancellationToken.None);

        var outcomes = await Task.WhenAll(
            controller.ReloadAsync(CancellationToken.None),
            controller.ReloadAsync(CancellationToken.None));

        outcomes.Should().OnlyContain(outcome => outcome.Succeeded);
        outcomes.Select(outcome => outcome.ReloadCount).Should().BeEquivalentTo([1, 2]);
        outcomes[0].WorkerPid.Should().NotBe(outcomes[1].WorkerPid!.Value);
    }

    [Fact(Timeout = 30000)]
    public async Task ReloadAsync_MainConfigMadeInvalid_FailsAndOldWorkerKeepsServing()
    {
        using var harness = new HaproxyHarness(copyMainConfig: true);
        await using var controller = harness.CreateController();
        await controller.StartAsync(CancellationToken.None);
        var workerBefore = controller.WorkerPid!.Value;
        await File.AppendAllTextAsync(harness.MainConfigPath, "\n    bogus_keyword_for_test on\n");

        var outcome = await controller.ReloadAsync(CancellationToken.None);

        outcome.Succeeded.Should().BeFalse();
        outcome.WorkerPid.Should().Be(workerBefore);
        outcome.Detail.Should().StartWith("HAProxy rejected the new configuration").And.Contain("bogus_keyword_for_test");
        controller.WorkerPid.Should().Be(workerBefore);
        ProcessLiveness.IsRunningHaproxy(workerBefore).Should().BeTrue();
        var (status, body) = await harness.GetAsync("unknown.example", CancellationToken.None);
        status.Should().Be(503);
        body.Should().Contain("No route for this host");
        harness.LogText.Should().Contain("reload failed");
    }

    [Fact(Timeout = 30000)]
    public async Task ReloadAsync_TwoFailedReloadsInARow_BothRejected()
    {
        using var harness = new HaproxyHarness(copyMainConfig: true);
        await using var controller = harness.CreateController();
        await controller.StartAsync(CancellationToken.None);
        var workerBefore = controller.WorkerPid!.Value;
        await File.AppendAllTextAsync(harness.MainConfigPath, "\n    bogus_keyword_for_test on\n");
        (await controller.ReloadAsync(CancellationToken.None)).Succeeded.Should().BeFalse();

        var second = await controller.ReloadAsync(CancellationToken.None);

        // 3.x shows "failed: 1" after either: the second failure must not look like a reload with no outcome.
        second.Succeeded.Should().BeFalse();
        second.ReloadCount.Should().Be(2);
        second.Detail.Should().StartWith("HAProxy rejected the new configuration").And.Contain("bogus_keyword_for_test");
        controller.WorkerPid.Should().Be(workerBefore);
        (await harness.GetAsync("unknown.example", CancellationToken.None)).Status.Should().Be(503);
    }

    [Fact(Timeout = 30000)]
    public async Task ReloadAsync_AfterAFailedReload_SucceedsOnceTheConfigIsFixed()
    {
        using var harness = new HaproxyHarness(copyMainConfig: true);
        await using var controller = harness.CreateController();
        await controller.StartAsync(CancellationToken.None);
        var goodConfig = await File.ReadAllTextAsync(harness.MainConfigPath);
        await File.AppendAllTextAsync(harness.MainConfigPath, "\n    bogus_keyword_for_test on\n");
        (await controller.ReloadAsync(CancellationToken.None)).Succeeded.Should().BeFalse();
        await File.WriteAllTextAsync(harness.MainConfigPath, goodConfig);

        var outcome = await controller.ReloadAsync(CancellationToken.None);

        outcome.Succeeded.Should().BeTrue(outcome.Detail);
        outcome.ReloadCount.Should().Be(2);
        (await harness.GetAsync("unknown.example", CancellationToken.None)).Status.Should().Be(503);
    }

    [Fact(Timeout = 30000)]
    public async Task StopAsync_Running_ExitsZeroAndLeavesNoHaproxyProcess()
    {
        using var harness = new HaproxyHarness();
        await using var controller = harness.CreateController();
        await controller.StartAsync(CancellationToken.None);
        var reload = await controller.ReloadAsync(CancellationToken.None);
        int[] pids = [controller.MasterPid!.Value, reload.WorkerPid!.Value];

        await controller.StopAsync(CancellationToken.None);

        controller.Exited.IsCompleted.Should().BeTrue();
        (await controller.Exited).Should().Be(0);
        pids.Where(ProcessLiveness.IsRunningHaproxy).Should().BeEmpty();
        harness.LogText.Should().Contain("stopped").And.Contain("exit_code=0");
    }

    [Fact(Timeout = 30000)]
    public async Task StartAsync_InvalidConfig_ThrowsWithHaproxysError()
    {
        using var harness = new HaproxyHarness();
        await File.WriteAllTextAsync(harness.BackendConfigPath, "backend broken\n    bogus_directive_for_test x\n");
        await using var controller = harness.CreateController();

        var start = () => controller.StartAsync(CancellationToken.None);

        (await start.Should().ThrowAsync<HaproxyException>())
            .Which.Message.Should().Contain("bogus_directive_for_test");
        controller.Exited.IsCompleted.Should().BeTrue();
        (await controller.Exited).Should().NotBe(0);
    }

    [Fact(Timeout = 30000)]
    public async Task StartAsync_MissingBinary_ThrowsHaproxyExceptionNamingIt()
    {
        using var harness = new HaproxyHarness();
        await using var controller = new HaproxyController(
            harness.Options with { BinaryPath = harness.Combine("no-haproxy-here") }, harness.Logger);

        var start = () => controller.StartAsync(CancellationToken.None);

        await start.Should().ThrowAsync<HaproxyException>().WithMessage("*no-haproxy-here*");
        controller.MasterPid.Should().BeNull();
    }

    [Fact(Timeout = 30000)]
    public async Task DisposeAsync_Running_StopsHaproxy()
    {
        using var harness = new HaproxyHarness();
        var controller = harness.CreateController();
        await controller.StartAsync(CancellationToken.None);
        int[] pids = [controller.MasterPid!.Value, controller.WorkerPid!.Value];

        await controller.DisposeAsync();

        controller.Exited.IsCompleted.Should().BeTrue();
        pids.Where(ProcessLiveness.IsRunningHaproxy).Should().BeEmpty();
    }

    [Fact(Timeout = 30000)]
    public async Task StopAsync_RequestStillInFlightPastGrace_EscalatesAndLeavesNoHaproxyProcess()
    {
        using var harness = new HaproxyHarness(shutdownGrace: TimeSpan.FromMilliseconds(300));
        await using var controller = harness.CreateController();
        await controller.StartAsync(CancellationToken.None);
        int[] pids = [controller.MasterPid!.Value, controller.WorkerPid!.Value];
        // Half a request: the worker waits for the rest (timeout http-request 10s), so a graceful
        // stop cannot finish within the grace period.
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, harness.Port);
        await client.GetStream().WriteAsync("GET / HTTP/1.1\r\nHost: slow.example\r\n"u8.ToArray());
        await Task.Delay(100);
        var stopwatch = Stopwatch.StartNew();

        await controller.StopAsync(CancellationToken.None);

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8));
        controller.Exited.IsCompleted.Should().BeTrue();
        pids.Where(ProcessLiveness.IsRunningHaproxy).Should().BeEmpty();
        harness.LogText.Should().Contain("sending SIGTERM");
    }
}

using RancherHaproxy.Haproxy;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Haproxy;

/// <summary>The controller's state through a real HAProxy's life, and the exit nobody asked for.</summary>
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class HaproxyControllerStateTests
{
    [Fact(Timeout = 30000)]
    public async Task State_StartReloadStop_RunningThenStopped()
    {
        using var harness = new HaproxyHarness();
        await using var controller = harness.CreateController();
        controller.State.Should().Be(HaproxyState.NotStarted);

        await controller.StartAsync(CancellationToken.None);
        controller.State.Should().Be(HaproxyState.Running);
        (await controller.ReloadAsync(CancellationToken.None)).Succeeded.Should().BeTrue();
        controller.State.Should().Be(HaproxyState.Running);
        await controller.StopAsync(CancellationToken.None);

        controller.State.Should().Be(HaproxyState.Stopped);
        (await controller.ReloadAsync(CancellationToken.None)).Detail.Should().Be("HAProxy is not running: no reload sent");
    }

    [Fact(Timeout = 30000)]
    public async Task StartAsync_Twice_RefusesTheSecond()
    {
        using var harness = new HaproxyHarness();
        await using var controller = harness.CreateController();
        await controller.StartAsync(CancellationToken.None);

        var again = () => controller.StartAsync(CancellationToken.None);

        await again.Should().ThrowAsync<InvalidOperationException>();
        controller.State.Should().Be(HaproxyState.Running);
    }

    [Fact(Timeout = 30000)]
    public async Task StartAsync_InvalidConfig_EndsFailed()
    {
        using var harness = new HaproxyHarness();
        await File.WriteAllTextAsync(harness.BackendConfigPath, "backend broken\n    bogus_directive_for_test x\n");
        await using var controller = harness.CreateController();

        await controller.Invoking(c => c.StartAsync(CancellationToken.None)).Should().ThrowAsync<HaproxyException>();

        controller.State.Should().Be(HaproxyState.Failed);
        harness.LogText.Should().NotContain("exited unexpectedly", "a start that failed is no surprise exit");
    }

    [Fact(Timeout = 30000)]
    public async Task Exited_MasterKilledFromOutside_LoggedOnceAndNoReloadIsSent()
    {
        using var harness = new HaproxyHarness();
        await using var controller = harness.CreateController();
        await controller.StartAsync(CancellationToken.None);
        var worker = controller.WorkerPid!.Value;

        NativeMethods.SendSignal(controller.MasterPid!.Value, NativeMethods.SigKill).Should().Be(0);
        (await controller.Exited).Should().Be(137);

        controller.State.Should().Be(HaproxyState.Exited);
        (await controller.ReloadAsync(CancellationToken.None)).Detail.Should().Be("HAProxy is not running: no reload sent");
        await controller.StopAsync(CancellationToken.None);
        controller.State.Should().Be(HaproxyState.Stopped);
        ProcessLiveness.IsRunningHaproxy(worker).Should().BeFalse("the stop clears the worker the killed master left");
        harness.LogText.Split('\n').Count(line => line.Contains("HAProxy exited unexpectedly", StringComparison.Ordinal)).Should().Be(1);
    }
}

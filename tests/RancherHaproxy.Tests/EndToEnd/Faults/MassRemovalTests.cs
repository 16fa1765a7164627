using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>
/// The mass-removal rule: an answer that removes more than half of the running servers is read
/// again one second later and the second answer applied. Routes keep serving meanwhile.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class MassRemovalTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const int Stacks = 6;

    private List<JsonObject> _containers = null!;

    [Fact(Timeout = 90_000)]
    public async Task NullContainers_SecondReadNonEmpty_WarnsServesAndDropsNothing()
    {
        var daemon = await StartWithStacksAsync();
        var linesBefore = daemon.LineCount;

        Harness.Metadata.Publish([]);
        var warning = await daemon.WaitForLineAsync(IsConfirming, EndToEndHarness.ChangeTimeout, "the confirmation warning", linesBefore);
        var version = Harness.Metadata.Publish(_containers);
        var during = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("s0"));
        // The daemon has confirmed, decided and acted on the second read once it waits for the next change.
        await Harness.Metadata.WaitForLongPollAsync(version, EndToEndHarness.ChangeTimeout * 3);

        during.Backend.Should().Be("shared", "routes are served while the removal is confirmed");
        warning.Field("servers_running").Should().Be(Stacks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        warning.Field("servers_answered").Should().Be("0");
        await AssertAllStacksServedAsync();
        daemon.Lines.Skip(linesBefore).Where(FaultLog.IsApplied).Should().NotContain(line => line.Field("servers") == "0", "nothing was dropped");
    }

    [Fact(Timeout = 90_000)]
    public async Task NullContainers_SecondReadAlsoNull_EmptiedEnvironmentApplied()
    {
        var daemon = await StartWithStacksAsync();
        var linesBefore = daemon.LineCount;

        Harness.Metadata.Publish([]);
        await daemon.WaitForLineAsync(IsConfirming, EndToEndHarness.ChangeTimeout, "the confirmation warning", linesBefore);
        var during = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("s0"));
        var (_, elapsed) = await Harness.Probe.MeasureUntilAsync(EndToEndHarness.HostFor("s0"), result => result.Status == EndToEndHarness.UnknownHostStatus, EndToEndHarness.ChangeTimeout, "the unknown-host answer once the emptying is confirmed");

        during.Backend.Should().Be("shared", "routes are served while the removal is confirmed");
        Harness.Record("emptied environment applied after the warning", elapsed);
        for (var index = 0; index < Stacks; index++)
        {
            (await Harness.Probe.GetAsync(EndToEndHarness.HostFor($"s{index}"))).Status.Should().Be(EndToEndHarness.UnknownHostStatus);
        }

        daemon.Lines.Skip(linesBefore).Should().Contain(line => FaultLog.IsApplied(line) && line.Field("servers") == "0");
    }

    [Fact(Timeout = 90_000)]
    public async Task RemoveHalfExactly_NoConfirmationNeeded_AppliedAtOnce()
    {
        var daemon = await StartWithStacksAsync();
        var linesBefore = daemon.LineCount;

        Harness.Metadata.Publish(_containers.Take(Stacks / 2));
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor($"s{Stacks - 1}"), result => result.Status == EndToEndHarness.UnknownHostStatus, EndToEndHarness.ChangeTimeout, "the removed half gone");

        daemon.Lines.Skip(linesBefore).Should().NotContain(line => IsConfirming(line), "removing half (not more) is applied without a second read");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("s0"))).Backend.Should().Be("shared");
    }

    private static bool IsConfirming(DaemonLogLine line) =>
        line.Level == "warn" && line.Component == "sync" && line.Message?.Contains("reading it again", StringComparison.Ordinal) == true;

    private async Task<DaemonProcess> StartWithStacksAsync()
    {
        var shared = await Harness.StartBackendAsync("shared");
        _containers = [.. Enumerable.Range(0, Stacks).Select(index => ContainerBuilder.RoutedTo($"s{index}", shared).Build())];
        Harness.Metadata.Publish(_containers);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();
        await AssertAllStacksServedAsync();
        return daemon;
    }

    private async Task AssertAllStacksServedAsync()
    {
        for (var index = 0; index < Stacks; index++)
        {
            (await Harness.Probe.GetAsync(EndToEndHarness.HostFor($"s{index}"))).Backend.Should().Be("shared", "stack s{0} is routed", index);
        }
    }
}

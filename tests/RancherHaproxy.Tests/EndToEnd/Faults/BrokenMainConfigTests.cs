using System.Globalization;
using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>
/// A user's haproxy.cfg edited into something HAProxy rejects, then several metadata changes: the
/// running worker keeps serving, HAProxy's errors are logged, no reload is ever sent while the file
/// is broken (failed reloads would count towards mworker-max-reloads), and a repaired file applies.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class BrokenMainConfigTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string Breakage = "\nbackend broken-by-the-user\n    this-is-not-a-keyword 1\n";

    [Theory(Timeout = 120_000)]
    [InlineData("0")]
    [InlineData("32")]
    public async Task Changes_WhileMainConfigBroken_SameWorkerServesNoReloadThenRepairApplies(string spareBackends)
    {
        var config = Harness.Directory.Combine("haproxy.cfg");
        File.Copy(RepositoryPaths.ShippedHaproxyConfig, config);
        var backend = await Harness.StartBackendAsync("shared");
        var containers = new List<JsonObject> { ContainerBuilder.RoutedTo("s0", backend).Build() };
        Harness.Metadata.Publish(containers);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["HAPROXY_CONFIG"] = config,
            ["SPARE_BACKENDS"] = spareBackends,
        });
        var worker = int.Parse(daemon.Lines.Last(line => line.Is("haproxy", "started") || line.Is("haproxy", "reload succeeded")).Field("worker_pid")!, CultureInfo.InvariantCulture);
        var shipped = await File.ReadAllTextAsync(config);
        await File.AppendAllTextAsync(config, Breakage);
        var linesBefore = daemon.LineCount;

        var version = await PublishRefusedChangesAsync(daemon, containers, backend, linesBefore);

        // Done with the last refused version: the daemon waits for the next one (no retry loop, no reload).
        await Harness.Metadata.WaitForLongPollAsync(version, EndToEndHarness.ChangeTimeout);
        var broken = daemon.Lines.Skip(linesBefore).ToList();
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("s0"))).Backend.Should().Be("shared", "the running worker keeps serving");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("s3"))).Status.Should().Be(EndToEndHarness.UnknownHostStatus, "nothing of a broken config is applied");
        HaproxyProcesses.IsLiveHaproxy(worker, out _).Should().BeTrue("the worker that served before the edit still serves");

        await File.WriteAllTextAsync(config, shipped);
        containers.Add(ContainerBuilder.RoutedTo("s4", backend).Build());
        Harness.Metadata.Publish(containers);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("s4"), result => result.Backend == "shared", EndToEndHarness.ChangeTimeout, "s4 once the file is repaired");

        broken.Count(IsCheckFailure).Should().BeInRange(1, 3, "each change is checked once, not in a loop");
        broken.Should().Contain(line => line.Message != null && line.Message.StartsWith("haproxy -c: ", StringComparison.Ordinal) && line.Message.Contains("this-is-not-a-keyword", StringComparison.Ordinal), "HAProxy's error lines are logged");
        broken.Should().NotContain(line => line.Component == "haproxy" && line.Message != null && line.Message.StartsWith("reload", StringComparison.Ordinal), "no reload is sent while the config is broken");
        broken.Should().NotContain(line => FaultLog.IsApplied(line));
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("s3"))).Backend.Should().Be("shared");
    }

    /// <summary>Adds stacks s1 to s3 one change at a time, each refused by the check; returns the last version.</summary>
    private async Task<string> PublishRefusedChangesAsync(DaemonProcess daemon, List<JsonObject> containers, BackendListener backend, int linesBefore)
    {
        var version = string.Empty;
        for (var index = 1; index <= 3; index++)
        {
            containers.Add(ContainerBuilder.RoutedTo($"s{index}", backend).Build());
            version = Harness.Metadata.Publish(containers);
            var seen = daemon.Lines.Skip(linesBefore).Count(IsCheckFailure);
            await daemon.WaitForLineAsync(IsCheckFailure, EndToEndHarness.ChangeTimeout, $"check failure #{index}", linesBefore + CountUpTo(daemon, linesBefore, seen));
        }

        return version;
    }

    private static bool IsCheckFailure(DaemonLogLine line) =>
        line.Component == "sync" && line.Message?.StartsWith("config check failed", StringComparison.Ordinal) == true;

    /// <summary>The index (relative to <paramref name="from"/>) just after the <paramref name="seen"/>-th check failure.</summary>
    private static int CountUpTo(DaemonProcess daemon, int from, int seen)
    {
        var lines = daemon.Lines.Skip(from).ToList();
        var found = 0;
        for (var index = 0; index < lines.Count; index++)
        {
            if (IsCheckFailure(lines[index]) && ++found == seen)
            {
                return index + 1;
            }
        }

        return 0;
    }
}

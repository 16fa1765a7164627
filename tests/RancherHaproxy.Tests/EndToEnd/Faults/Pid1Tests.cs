using System.Diagnostics;
using System.Globalization;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>
/// The daemon as PID 1 of its own pid namespace (as in a container): SIGTERM stops it with exit 0
/// and no HAProxy left, and processes orphaned inside the namespace are reaped, not left as zombies.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class Pid1Tests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly string[] Unshare = ["/usr/bin/unshare", "--pid", "--fork", "--mount-proc"];

    [Fact(Timeout = 90_000)]
    public async Task Sigterm_AsPid1_ExitsZeroWithNoHaproxyLeft()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var unshare = await StartAsPid1Async();
        var daemonPid = await DaemonPidAsync(unshare);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");

        NativeMethods.SendSignal(daemonPid, (int)UnixSignal.Terminate).Should().Be(0);
        var exitCode = await unshare.WaitForExitAsync(TimeSpan.FromSeconds(20));

        exitCode.Should().Be(0, "as PID 1 SIGTERM is handled, not ignored by the kernel's default");
        unshare.Lines.Should().Contain(line => line.Component == "haproxy" || line.Component == "daemon");
        HaproxyProcesses.Find(Harness.Directory.Path).Should().BeEmpty("no HAProxy is left behind");
    }

    [Fact(Timeout = 90_000)]
    public async Task Orphans_AsPid1AfterReloadsAndOrphanedChildren_NoZombiesRemain()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var containers = new List<System.Text.Json.Nodes.JsonObject> { ContainerBuilder.RoutedTo("s0", alpha).Build() };
        Harness.Metadata.Publish(containers);
        var unshare = await StartAsPid1Async(new Dictionary<string, string?> { ["SPARE_BACKENDS"] = "0" });
        var daemonPid = await DaemonPidAsync(unshare);
        for (var index = 1; index <= 3; index++)
        {
            containers.Add(ContainerBuilder.RoutedTo($"s{index}", alpha).Build());
            Harness.Metadata.Publish(containers);
            await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor($"s{index}"), result => result.Backend == "alpha-1", EndToEndHarness.ChangeTimeout, $"s{index} routed");
        }

        await OrphanIntoNamespaceAsync(daemonPid);
        await Eventually.UntilAsync(() => ChildrenOf(daemonPid, "sleep").Count == 0, TimeSpan.FromSeconds(5), "the orphaned sleeps to exit and be reaped");

        FaultLog.Count(unshare, FaultLog.IsReloadApplied).Should().BeGreaterThanOrEqualTo(3, "SPARE_BACKENDS=0: each new stack reloads");
        ZombieChildrenOf(daemonPid).Should().BeEmpty("PID 1 reaps every orphan that dies in its namespace");
        unshare.HasExited.Should().BeFalse();
    }

    private async Task<DaemonProcess> StartAsPid1Async(Dictionary<string, string?>? overrides = null)
    {
        var daemon = Harness.StartDaemon(overrides, Unshare);
        await daemon.WaitForEventAsync("haproxy", "started", EndToEndHarness.StartTimeout);
        await daemon.WaitForEventAsync("sync", "routes applied", EndToEndHarness.StartTimeout);
        return daemon;
    }

    /// <summary>The daemon's pid as seen from outside: unshare's only child.</summary>
    private static async Task<int> DaemonPidAsync(DaemonProcess unshare)
    {
        var children = (await File.ReadAllTextAsync($"/proc/{unshare.Pid}/task/{unshare.Pid}/children"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pid => int.Parse(pid, CultureInfo.InvariantCulture)).ToList();
        children.Should().ContainSingle("unshare --fork runs one child: the daemon");
        File.ReadAllText($"/proc/{children[0]}/status").Should().MatchRegex(@"NSpid:\s+\d+\s+1\b", "the daemon is PID 1 inside");
        return children[0];
    }

    /// <summary>A shell entered into the namespace starts two short sleeps and exits: they are orphaned to PID 1.</summary>
    private static async Task OrphanIntoNamespaceAsync(int daemonPid)
    {
        using var nsenter = Process.Start(new ProcessStartInfo(
            "/usr/bin/nsenter", ["--target", daemonPid.ToString(CultureInfo.InvariantCulture), "--pid", "--", "/bin/sh", "-c", "sleep 0.3 & sleep 0.5 & exit 0"]))!;
        await nsenter.WaitForExitAsync();
        nsenter.ExitCode.Should().Be(0);
    }

    private static List<string> ZombieChildrenOf(int parent) => Children(parent, (state, _) => state == "Z");

    /// <summary>Children of <paramref name="parent"/> named <paramref name="name"/>, alive or zombie (a zombie keeps its name until reaped).</summary>
    private static List<string> ChildrenOf(int parent, string name) => Children(parent, (_, comm) => comm == $"({name})");

    private static List<string> Children(int parent, Func<string, string, bool> matches)
    {
        var children = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var comm = stat[stat.IndexOf('(')..(stat.LastIndexOf(')') + 1)];
                if (matches(fields[0], comm) && fields[1] == parent.ToString(CultureInfo.InvariantCulture))
                {
                    children.Add(stat[..(stat.LastIndexOf(')') + 1)]);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return children;
    }
}

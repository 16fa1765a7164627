using System.Globalization;
using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.Haproxy;

public sealed class HaproxyCommandLineTests
{
    private static readonly HaproxyOptions Options = new(
        "/usr/sbin/haproxy",
        "/etc/haproxy/haproxy.cfg",
        "/etc/haproxy/backends.cfg",
        "/run/haproxy",
        new Dictionary<string, string>(),
        TimeSpan.FromSeconds(10));

    [Fact]
    public void Master_NoLauncher_RunsHaproxyInMasterWorkerModeWithItsCli()
    {
        HaproxyCommandLine.Master(Options).Should().Equal(
            "/usr/sbin/haproxy",
            "-W",
            "-S", "/run/haproxy/master.sock,mode,600",
            "-p", "/run/haproxy/haproxy.pid",
            "-f", "/etc/haproxy/haproxy.cfg",
            "-f", "/etc/haproxy/backends.cfg");
    }

    [Fact]
    public void Master_Launcher_ExecsHaproxyThroughTheParentDeathLauncher()
    {
        var command = HaproxyCommandLine.Master(Options with { LauncherPath = "/usr/local/bin/rancher-haproxy" });

        command.Take(4).Should().Equal(
            "/usr/local/bin/rancher-haproxy",
            ParentDeathExec.Argument,
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "/usr/sbin/haproxy");
        command.Skip(3).Should().Equal(HaproxyCommandLine.Master(Options));
    }
}

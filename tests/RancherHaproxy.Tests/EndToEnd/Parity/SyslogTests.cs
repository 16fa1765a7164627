using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>SYSLOG_HOST / SYSLOG_FACILITY, and the host's agent_ip when SYSLOG_HOST is unset: request logs as syslog datagrams.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed partial class SyslogTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Local3 = 19;

    private EndToEndHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EndToEndHarness.StartAsync(output);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task Request_SyslogHostAndFacility_DatagramArrivesWithThatFacility()
    {
        using var syslog = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)syslog.Client.LocalEndPoint!).Port;
        var alpha = await _harness.StartBackendAsync("alpha-1");
        _harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await _harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["SYSLOG_HOST"] = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"),
            ["SYSLOG_FACILITY"] = "local3",
        });

        var datagram = await RequestAndReceiveAsync(syslog, EndToEndHarness.HostFor("alpha"));

        Facility(datagram).Should().Be(Local3, $"PRI / 8 is the facility; datagram: {datagram}");
    }

    [Fact(Timeout = 30_000)]
    public async Task Start_UnknownFacility_ExitsTwoNamingVariable()
    {
        var daemon = _harness.StartDaemon(new Dictionary<string, string?> { ["SYSLOG_FACILITY"] = "bogus" });

        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        exitCode.Should().Be(2);
        daemon.Lines.Should().Contain(line => line.Level == "error" && line.Field("variable") == "SYSLOG_FACILITY");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_NoSyslogHost_LogsGoToAgentIpOfSelfHost()
    {
        UdpClient? syslog = null;
        try
        {
            syslog = new UdpClient(new IPEndPoint(IPAddress.Loopback, 514));
        }
        catch (SocketException exception)
        {
            output.WriteLine($"cannot bind 127.0.0.1:514 ({exception.SocketErrorCode}); asserting the start-up line only");
        }

        using (syslog)
        {
            var stack = "syslog-" + Guid.NewGuid().ToString("N")[..8];
            var alpha = await _harness.StartBackendAsync("alpha-1");
            _harness.Metadata.Publish([ContainerBuilder.RoutedTo(stack, alpha).Build()], selfHost: MetadataObjects.Host("127.0.0.1"));
            await _harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SYSLOG_HOST"] = null, ["SYSLOG_FACILITY"] = "local3" });

            _harness.Daemon.Lines.Should().Contain(
                line => line.Component != "haproxy" && line.Raw.Contains("agent IP", StringComparison.Ordinal) && line.Field("target") == "127.0.0.1",
                "the start-up names the agent IP as the log target");
            if (syslog is not null)
            {
                var datagram = await RequestAndReceiveAsync(syslog, EndToEndHarness.HostFor(stack));
                Facility(datagram).Should().Be(Local3);
            }
        }
    }

    /// <summary>Sends a request with a unique path and returns the datagram that logs it (other daemons may log to the same port).</summary>
    private async Task<string> RequestAndReceiveAsync(UdpClient syslog, string host)
    {
        var path = "/syslog-" + Guid.NewGuid().ToString("N");
        var result = await _harness.Probe.GetAsync(host, path);
        result.Status.Should().Be(200, result.ToString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var received = await syslog.ReceiveAsync(timeout.Token);
            var text = Encoding.UTF8.GetString(received.Buffer);
            output.WriteLine($"syslog datagram: {text}");
            if (text.Contains(path, StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    private static int Facility(string datagram)
    {
        var match = PriorityPattern().Match(datagram);
        match.Success.Should().BeTrue($"a syslog datagram starts with <PRI>: {datagram}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 8;
    }

    [GeneratedRegex(@"^<(\d{1,3})>")]
    private static partial Regex PriorityPattern();
}

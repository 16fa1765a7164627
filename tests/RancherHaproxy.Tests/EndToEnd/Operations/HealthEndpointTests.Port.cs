using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>HEALTH_PORT itself: validated at start, and a port already taken does not take routing down.</summary>
public sealed partial class HealthEndpointTests
{
    /// <summary>Catches a daemon that dies (or never routes) because monitoring could not bind.</summary>
    [Fact(Timeout = 60_000)]
    public async Task HealthPort_AlreadyTaken_OneErrorAndRoutingStillWorks()
    {
        using var squatter = new TcpListener(IPAddress.Any, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));

        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["HEALTH_PORT"] = port });
        var routed = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        var errors = daemon.Lines.Where(line => line.Message == "health endpoint unavailable").ToList();
        errors.Should().ContainSingle();
        errors[0].Level.Should().Be("error");
        errors[0].Field("variable").Should().Be("HEALTH_PORT");
        errors[0].Field("port").Should().Be(port);
        errors[0].Field("error").Should().NotBeNullOrEmpty();
        routed.Backend.Should().Be("alpha-1", "routing does not depend on the health endpoint");
        daemon.HasExited.Should().BeFalse();
        daemon.CountEvents("daemon", "health endpoint listening").Should().Be(0);
    }

    /// <summary>Catches a setting silently defaulted: a typo in HEALTH_PORT, HEALTH_ADDRESS or SHUTDOWN_DELAY must stop the start, naming it.</summary>
    /// <remarks>HEALTH_PORT values stay integers: the harness parses the one it sets to know where to probe.</remarks>
    [Theory(Timeout = 30_000)]
    [InlineData("HEALTH_PORT", "70000")]
    [InlineData("HEALTH_PORT", "-5")]
    [InlineData("HEALTH_ADDRESS", "localhost")]
    [InlineData("SHUTDOWN_DELAY", "soon")]
    public async Task Start_BadOperationsSetting_ExitsTwoNamingIt(string variable, string value)
    {
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { [variable] = value });

        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        exitCode.Should().Be(2);
        daemon.Lines.Should().Contain(line => line.Level == "error" && line.Field("variable") == variable, "one error line names {0}", variable);
        HaproxyProcesses.Find(Harness.Directory.Path).Should().BeEmpty("nothing started");
    }
}

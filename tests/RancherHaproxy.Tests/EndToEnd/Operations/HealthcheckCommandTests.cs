using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>The image's HEALTHCHECK: <c>rancher-haproxy healthcheck</c> exits 0 only when /readyz answers 200 within 2 s.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class HealthcheckCommandTests(ITestOutputHelper output) : OperationsTest(output)
{
    /// <summary>Catches a subcommand that is not one (the daemon starting instead) or that asks /healthz.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Healthcheck_DaemonReady_ExitsZeroPrintingReady()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        await Harness.StartDaemonAndWaitForRoutesAsync();
        await Health.EventuallyAsync("/readyz", answer => answer.Status == 200, EndToEndHarness.ChangeTimeout, "ready");

        var (exitCode, printed, _) = await HealthcheckCommand.RunAsync(HealthcheckCommand.Environment(Port(Harness.HealthPort)));

        exitCode.Should().Be(0, "ready ({0})", printed);
        printed.Trim().Should().Be("ready");
    }

    /// <summary>Catches a check that passes on any answer: a daemon that is alive but not ready is not healthy to Docker.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Healthcheck_DaemonNotReadyYet_ExitsOneSayingWhy()
    {
        Harness.Metadata.Fault = MetadataFault.NotFound;
        Harness.StartDaemon();
        await WaitForHealthEndpointAsync();

        var (exitCode, printed, _) = await HealthcheckCommand.RunAsync(HealthcheckCommand.Environment(Port(Harness.HealthPort)));

        exitCode.Should().Be(1, "not ready ({0})", printed);
        printed.Trim().Should().Be("not ready: waiting for the first routes");
    }

    /// <summary>Catches an exception exit (134, a stack trace) or a 0 when nothing listens.</summary>
    [Fact(Timeout = 30_000)]
    public async Task Healthcheck_NothingListens_ExitsOneNamingTheAddress()
    {
        var port = FreePort.Next();

        var (exitCode, printed, _) = await HealthcheckCommand.RunAsync(HealthcheckCommand.Environment(Port(port)));

        exitCode.Should().Be(1, "nothing listens ({0})", printed);
        printed.Should().StartWith($"no answer from 127.0.0.1:{Port(port)}: ");
        printed.Should().NotContain("   at ", "no stack trace");
    }

    /// <summary>Catches a check that hangs on a stuck daemon: Docker's own timeout would then decide, later.</summary>
    [Fact(Timeout = 30_000)]
    public async Task Healthcheck_ListenerNeverAnswers_ExitsOneWithinItsTwoSeconds()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = silent.AcceptTcpClientAsync();

        var (exitCode, printed, elapsed) = await HealthcheckCommand.RunAsync(HealthcheckCommand.Environment(Port(port)));

        exitCode.Should().Be(1, "no answer within 2 s ({0})", printed);
        printed.Should().StartWith($"no answer from 127.0.0.1:{Port(port)}: ");
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4), "a 2 s overall timeout");
        (await accepted).Dispose();
    }

    /// <summary>Catches a check that falls back to 1042, or crashes, when HEALTH_PORT is off or not a port.</summary>
    [Theory(Timeout = 30_000)]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("70000")]
    [InlineData("-1")]
    public async Task Healthcheck_HealthPortOffOrInvalid_ExitsOneWithAMessage(string value)
    {
        var (exitCode, printed, _) = await HealthcheckCommand.RunAsync(HealthcheckCommand.Environment(value));

        exitCode.Should().Be(1, "HEALTH_PORT={0} ({1})", value, printed);
        printed.Should().Contain("HEALTH_PORT");
        printed.Should().NotContain("   at ", "no stack trace");
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}

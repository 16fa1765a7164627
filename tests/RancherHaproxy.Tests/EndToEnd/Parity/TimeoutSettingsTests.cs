using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>TIMEOUT_TUNNEL and HARD_STOP_AFTER: HAProxy times, validated before anything starts.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class TimeoutSettingsTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Theory(Timeout = 30_000)]
    [InlineData("TIMEOUT_TUNNEL", "forever")]
    [InlineData("TIMEOUT_TUNNEL", "10x")]
    [InlineData("HARD_STOP_AFTER", "-5m")]
    [InlineData("HARD_STOP_AFTER", "30 m")]
    public async Task Start_BadTime_ExitsTwoNamingVariable(string variable, string value)
    {
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { [variable] = value });

        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        exitCode.Should().Be(2);
        daemon.Lines.Should().Contain(line => line.Level == "error" && line.Field("variable") == variable);
    }

    [Fact(Timeout = 60_000)]
    public async Task Start_GoodTimes_HaproxyStartsAndRoutes()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["TIMEOUT_TUNNEL"] = "2h", ["HARD_STOP_AFTER"] = "90s" });

        var result = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        result.Backend.Should().Be("alpha-1");
        Harness.Daemon.HasExited.Should().BeFalse();
    }
}

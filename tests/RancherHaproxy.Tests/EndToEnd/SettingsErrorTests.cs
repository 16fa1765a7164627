using System.Net.Sockets;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Bad environment: exit code 2, every bad variable named, nothing started.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class SettingsErrorTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    [Theory(Timeout = 30_000)]
    [InlineData("STACK_DOMAIN", null)]
    [InlineData("STACK_DOMAIN", "")]
    [InlineData("POLL_INTERVAL", "abc")]
    [InlineData("HTTP_PORT", "70000")]
    [InlineData("HTTP_PORT", "0")]
    [InlineData("STATS_PORT", "-1")]
    [InlineData("HTTPS_PORT", "https")]
    [InlineData("ENABLE_SSL", "maybe")]
    public async Task Start_BadVariable_ExitsTwoNamingItAndStartsNothing(string variable, string? value)
    {
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { [variable] = value });

        var exitCode = await daemon.WaitForExitAsync(ExitTimeout);

        exitCode.Should().Be(2);
        daemon.Lines.Should().Contain(
            line => line.Component == "settings" && line.Level == "error" && line.Field("variable") == variable,
            "one error line names the bad variable");
        await AssertNothingStartedAsync(daemon);
    }

    [Fact(Timeout = 30_000)]
    public async Task Start_SeveralBadVariables_ReportsEachInOneGo()
    {
        var daemon = Harness.StartDaemon(new Dictionary<string, string?>
        {
            ["STACK_DOMAIN"] = null,
            ["POLL_INTERVAL"] = "abc",
            ["HTTP_PORT"] = "70000",
            ["ENABLE_SSL"] = "maybe",
        });

        var exitCode = await daemon.WaitForExitAsync(ExitTimeout);
        var named = daemon.Lines.Where(line => line.Component == "settings" && line.Level == "error").Select(line => line.Field("variable"));

        exitCode.Should().Be(2);
        named.Should().Contain(["STACK_DOMAIN", "POLL_INTERVAL", "HTTP_PORT", "ENABLE_SSL"]);
        await AssertNothingStartedAsync(daemon);
    }

    [Fact(Timeout = 30_000)]
    public async Task Start_GoodEnvironment_DoesNotExitTwo()
    {
        // The control case: the same harness environment without a bad variable keeps running.
        var daemon = Harness.StartDaemon();

        await daemon.WaitForEventAsync("haproxy", "started", EndToEndHarness.StartTimeout);

        daemon.HasExited.Should().BeFalse();
        daemon.Lines.Should().NotContain(line => line.Component == "settings" && line.Level == "error");
    }

    private async Task AssertNothingStartedAsync(DaemonProcess daemon)
    {
        File.Exists(Path.Combine(Harness.RunDirectory, "haproxy.pid")).Should().BeFalse("HAProxy never started");
        HaproxyProcesses.Find(Harness.Directory.Path).Should().BeEmpty();
        File.Exists(Harness.DomainMapPath).Should().BeFalse("no file is written");
        Harness.Metadata.Requests.Should().BeEmpty("the metadata service is not even asked");
        if (int.TryParse(daemon.Environment.GetValueOrDefault("HTTP_PORT"), out var port) && port is > 0 and < 65536)
        {
            using var client = new TcpClient();
            var connect = async () => await client.ConnectAsync("127.0.0.1", port);
            await connect.Should().ThrowAsync<SocketException>("nothing listens on HTTP_PORT");
        }
    }
}

using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.ReviewApps;

/// <summary>
/// HAProxy's request log lines end with <c>stack=&lt;stack&gt; user=-</c> (<c>stack=-</c> for no stack; <c>user=-</c> without authentication), also
/// for a stack served from a spare backend; the server field stays <c>&lt;service&gt;_&lt;uuid&gt;</c>.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class StackLogTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(5);

    [Fact(Timeout = 60_000)]
    public async Task Request_StackPresentAtStart_LogLineEndsWithStackName()
    {
        // Arrange
        using var syslog = new SyslogReceiver();
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        Harness.Metadata.Publish(alpha);
        await Harness.StartDaemonAndWaitForRoutesAsync(IndexPage.Settings(("SYSLOG_HOST", syslog.Target)));

        // Act
        var routed = await RequestAndReceiveAsync(syslog, EndToEndHarness.HostFor("alpha"));
        var unknown = await RequestAndReceiveAsync(syslog, "nope.e2e.test");
        var index = await RequestAndReceiveAsync(syslog, IndexPage.Host);

        // Assert
        routed.Should().EndWith(" stack=alpha user=-").And.Contain($"web_{alpha.Uuid}");
        unknown.Should().EndWith(" stack=- user=-");
        index.Should().EndWith(" stack=- user=-");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_StackAddedAtRunTimeOnSpareBackend_LogLineEndsWithStackName()
    {
        // Arrange
        using var syslog = new SyslogReceiver();
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).InStack("beta", "api");
        Harness.Metadata.Publish([alpha]);
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SYSLOG_HOST"] = syslog.Target });
        var linesBefore = Harness.Daemon.LineCount;
        Harness.Metadata.Publish([alpha, beta.Build()]);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta-1 to answer");

        // Act
        var line = await RequestAndReceiveAsync(syslog, EndToEndHarness.HostFor("beta"));

        // Assert
        Harness.Daemon.CountEvents("haproxy", "reload succeeded", linesBefore).Should().Be(0, "beta is served from a spare backend");
        line.Should().EndWith(" stack=beta user=-").And.Contain($"api_{beta.Uuid}");
    }

    private async Task<string> RequestAndReceiveAsync(SyslogReceiver syslog, string host)
    {
        var datagram = await syslog.LogOfRequestAsync(Harness.Probe, host, LogTimeout);
        Output.WriteLine($"syslog datagram: {datagram}");
        return datagram;
    }
}

using System.Net;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// ACCEPT_PROXY_FROM: connections from the upstream L4 load balancer carry the PROXY protocol, and
/// the client address in it is what AUTH_BYPASS_CIDRS, X-Forwarded-For and the request log use;
/// connections from elsewhere are plain HTTP, judged by their own address.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class UpstreamProxyTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly string Host = EndToEndHarness.HostFor("alpha");

    [Theory(Timeout = 30_000)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Request_ProxyHeaderFromAcceptedUpstream_ItsClientAddressIsBypassedForwardedAndLogged(int version)
    {
        // Arrange
        using var syslog = new SyslogReceiver();
        var alpha = await StartAsync(syslog);
        var upstream = ClientAddresses.From(Harness, ClientAddresses.Upstream);
        var path = "/proxied-" + Guid.NewGuid().ToString("N");

        // Act
        var bypassed = await upstream.SendAsync(Proxy(version, ClientAddresses.Inside), RawHttpClient.Format(Host, path));
        var notBypassed = await upstream.SendAsync(Proxy(version, ClientAddresses.Outside), RawHttpClient.Format(Host));

        // Assert
        bypassed.ShouldReach("alpha-1", "the header's 127.0.0.2 is in AUTH_BYPASS_CIDRS");
        (alpha.ReceivedFor(path)?.Header("X-Forwarded-For")).Should().Be(ClientAddresses.Inside.ToString(), "X-Forwarded-For names the client of the header, not the upstream");
        notBypassed.ShouldAskForCredentials("alpha", "the header's 127.0.0.3 is not in AUTH_BYPASS_CIDRS (the upstream's 127.0.0.4 is not either)");
        var datagram = await syslog.WaitForAsync(path, EndToEndHarness.ChangeTimeout);
        Output.WriteLine($"syslog datagram: {datagram}");
        datagram.Should().Contain($" {ClientAddresses.Inside}:5555 [", "the request log names the client of the header");
    }

    [Fact(Timeout = 30_000)]
    public async Task Request_PlainConnectionFromElsewhere_WorksWithoutHeaderAndIsNotBypassed()
    {
        // Arrange
        using var syslog = new SyslogReceiver();
        var alpha = await StartAsync(syslog);
        var elsewhere = ClientAddresses.From(Harness, ClientAddresses.Elsewhere);
        var path = "/plain-" + Guid.NewGuid().ToString("N");

        // Act
        var anonymous = await elsewhere.GetAsync(Host);
        var authorised = await elsewhere.GetAsync(Host, path, headers: TestUsers.Sha256.Credentials);

        // Assert
        anonymous.ShouldAskForCredentials("alpha", "127.0.0.5 is plain HTTP and not in AUTH_BYPASS_CIDRS");
        authorised.ShouldReach("alpha-1", "a plain connection needs no PROXY header");
        (alpha.ReceivedFor(path)?.Header("X-Forwarded-For")).Should().Be(ClientAddresses.Elsewhere.ToString());
    }

    private static byte[] Proxy(int version, IPAddress client) => version == 1 ? ClientAddresses.ProxyV1(client) : ClientAddresses.ProxyV2(client);

    private async Task<BackendListener> StartAsync(SyslogReceiver syslog)
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["ACCEPT_PROXY_FROM"] = ClientAddresses.Cidr(ClientAddresses.Upstream),
            ["AUTH_BYPASS_CIDRS"] = ClientAddresses.Cidr(ClientAddresses.Inside),
            ["AUTH_DEFAULT"] = "on",
            ["AUTH_USERS"] = TestUsers.Sha256.Line,
            ["SYSLOG_HOST"] = syslog.Target,
        });
        return alpha;
    }
}

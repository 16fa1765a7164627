using System.Diagnostics;
using System.Globalization;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// The test client itself, against a bare HAProxy that echoes the address it sees: a bound source
/// address arrives as <c>src</c>, and both PROXY headers from the upstream carry their client. The
/// access tests then fail only for what the daemon does, never for how the client connects.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ClientAddressesTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Fact(Timeout = 30_000)]
    public async Task Send_BoundSourceAndProxyHeaders_HaproxySeesTheIntendedClient()
    {
        // Arrange
        var port = FreePort.Next();
        var config = Harness.Directory.Combine("echo.cfg");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend echo
                bind 127.0.0.1:{port}
                tcp-request connection expect-proxy layer4 if {"{"} src {ClientAddresses.Upstream} {"}"}
                http-request return status 200 content-type text/plain lf-string "src=%[src]:%[src_port]"

            """));
        using var haproxy = Process.Start(new ProcessStartInfo(HaproxyBinary.Path, ["-db", "-f", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            var elsewhere = new RawHttpClient(port, ClientAddresses.Elsewhere);
            var upstream = new RawHttpClient(port, ClientAddresses.Upstream);
            var request = RawHttpClient.Format("echo.test");

            // Act
            var plain = await Eventually.UntilAsync<HttpAnswer>(() => elsewhere.GetAsync("echo.test"), answer => answer.Status == 200, TimeSpan.FromSeconds(5), "HAProxy to answer");
            var version1 = await upstream.SendAsync(ClientAddresses.ProxyV1(ClientAddresses.Inside), request);
            var version2 = await upstream.SendAsync(ClientAddresses.ProxyV2(ClientAddresses.Inside), request);

            // Assert
            plain.Body.Should().StartWith($"src={ClientAddresses.Elsewhere}:", "the client binds its source address");
            version1.Body.Should().Be($"src={ClientAddresses.Inside}:5555", version1.ToString());
            version2.Body.Should().Be($"src={ClientAddresses.Inside}:5555", version2.ToString());
        }
        finally
        {
            haproxy.Kill();
            await haproxy.WaitForExitAsync();
        }
    }
}

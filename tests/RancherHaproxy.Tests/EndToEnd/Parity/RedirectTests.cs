using System.Globalization;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>ENABLE_SSL_REDIRECTION: plain HTTP requests are sent to the same host and path on https.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class RedirectTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Theory(Timeout = 60_000)]
    [InlineData(null, 301)]
    [InlineData("308", 308)]
    public async Task Request_PlainHttpWithRedirection_RedirectsToSameHostAndPathOnHttps(string? type, int expected)
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var overrides = TlsMetadataTests.Tls(("ENABLE_SSL_REDIRECTION", "true"));
        overrides["SSL_REDIRECTION_TYPE"] = type;
        await Harness.StartDaemonAndWaitForRoutesAsync(overrides);
        var httpsPort = Harness.Daemon.Environment["HTTPS_PORT"];

        var (status, location) = await GetRedirectAsync(EndToEndHarness.HostFor("alpha"), "/path?q=1");

        status.Should().Be(expected);
        location.Should().Be($"https://alpha.e2e.test:{httpsPort}/path?q=1");
        alpha.RequestCount.Should().Be(0, "the redirect is answered by HAProxy");
    }

    [Fact(Timeout = 30_000)]
    public async Task Start_RedirectTypeNotARedirectStatus_ExitsTwoNamingVariable()
    {
        var daemon = Harness.StartDaemon(TlsMetadataTests.Tls(("ENABLE_SSL_REDIRECTION", "true"), ("SSL_REDIRECTION_TYPE", "300")));

        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        exitCode.Should().Be(2);
        daemon.Lines.Should().Contain(line => line.Level == "error" && line.Field("variable") == "SSL_REDIRECTION_TYPE");
    }

    private async Task<(int Status, string? Location)> GetRedirectAsync(string host, string pathAndQuery)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Harness.Probe.Port}{pathAndQuery}"));
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, response.Headers.Location?.OriginalString);
    }
}

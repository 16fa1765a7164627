using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>ENABLE_STATS: HAProxy's stats page on STATS_PORT behind basic auth.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class StatsTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string DefaultPasswordWarning = "the stats page uses the default password";

    [Fact(Timeout = 60_000)]
    public async Task Stats_DefaultCredentials_401WithoutThem200WithThemAndWarning()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["ENABLE_STATS"] = "true" });

        var anonymous = await GetStatsAsync(null);
        var authorised = await GetStatsAsync("haproxy:haproxy");

        anonymous.Should().Be(401);
        authorised.Should().Be(200);
        Harness.Daemon.Lines.Should().Contain(line => line.Level == "warn" && line.Raw.Contains(DefaultPasswordWarning, StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Stats_CustomPassword_NoWarningAndPasswordNeverPrinted()
    {
        const string password = "Zq7-stats-Secret-81x";
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["ENABLE_STATS"] = "true",
            ["STATS_USERNAME"] = "admin",
            ["STATS_PASSWORD"] = password,
        });

        var wrong = await GetStatsAsync("haproxy:haproxy");
        var right = await GetStatsAsync("admin:" + password);

        wrong.Should().Be(401);
        right.Should().Be(200);
        Harness.Daemon.Lines.Should().NotContain(line => line.Raw.Contains(DefaultPasswordWarning, StringComparison.Ordinal));
        Harness.Daemon.Lines.Should().NotContain(line => line.Raw.Contains(password, StringComparison.Ordinal), "the password is never logged");
    }

    private async Task<int> GetStatsAsync(string? credentials)
    {
        var port = int.Parse(Harness.Daemon.Environment["STATS_PORT"], CultureInfo.InvariantCulture);
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}

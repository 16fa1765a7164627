using System.Globalization;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>The stats page (ENABLE_STATS) keeps its own credentials: AUTH_DEFAULT=on, the shared users and ALLOW_CIDRS do not apply to it.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class StatsAccessTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string StatsPassword = "Kx7-stats-pw";

    [Fact(Timeout = 30_000)]
    public async Task Stats_AuthDefaultOnAndAllowCidrs_OnlyItsOwnCredentialsCount()
    {
        // Arrange: 127.0.0.1, the stats client, is outside ALLOW_CIDRS.
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["ENABLE_STATS"] = "true",
            ["STATS_USERNAME"] = "admin",
            ["STATS_PASSWORD"] = StatsPassword,
            ["AUTH_DEFAULT"] = "on",
            ["AUTH_USERS"] = TestUsers.Sha256.Line,
            ["ALLOW_CIDRS"] = ClientAddresses.Cidr(ClientAddresses.Inside),
        });
        var stats = new RawHttpClient(int.Parse(daemon.Environment["STATS_PORT"], CultureInfo.InvariantCulture));

        // Act
        var anonymous = await stats.GetAsync("127.0.0.1");
        var sharedUser = await stats.GetAsync("127.0.0.1", headers: TestUsers.Sha256.Credentials);
        var statsUser = await stats.GetAsync("127.0.0.1", headers: [new("Authorization", TestUser.Basic("admin", StatsPassword))]);
        var stack = await ClientAddresses.From(Harness).GetAsync(EndToEndHarness.HostFor("alpha"), headers: TestUsers.Sha256.Credentials);

        // Assert
        anonymous.Status.Should().Be(401, anonymous.ToString());
        anonymous.Header("WWW-Authenticate").Should().NotBeNull().And.NotContain("realm=\"index\"", "the stats page asks with its own realm");
        anonymous.Body.Should().NotBe(AccessAnswers.AuthenticationRequiredBody, "HAProxy's stats auth answers, not the stacks' rule");
        sharedUser.Status.Should().Be(401, "the shared users do not open the stats page: {0}", sharedUser);
        statsUser.Status.Should().Be(200, "STATS_USERNAME/STATS_PASSWORD still open it, ALLOW_CIDRS notwithstanding: {0}", statsUser);
        stack.ShouldBeForbidden("the same client is outside ALLOW_CIDRS for the stacks");
    }
}

using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>AUTH_BYPASS_CIDRS: allow-list or password. A client inside skips the check; one outside still needs credentials.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class BypassTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly string Host = EndToEndHarness.HostFor("alpha");

    [Fact(Timeout = 30_000)]
    public async Task Request_ClientInsideBypassCidrs_PassesWithoutCredentialsClientOutside401()
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha).WithLabel(AccessAnswers.AuthLabel, "on"));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["AUTH_USERS"] = TestUsers.Sha256.Line,
            ["AUTH_BYPASS_CIDRS"] = ClientAddresses.Cidr(ClientAddresses.Inside),
        });

        // Act
        var inside = await ClientAddresses.From(Harness, ClientAddresses.Inside).GetAsync(Host);
        var outside = await ClientAddresses.From(Harness, ClientAddresses.Outside).GetAsync(Host);
        var outsideWithCredentials = await ClientAddresses.From(Harness, ClientAddresses.Outside).GetAsync(Host, headers: TestUsers.Sha256.Credentials);
        var loopback = await ClientAddresses.From(Harness).GetAsync(Host);

        // Assert
        inside.ShouldReach("alpha-1", "127.0.0.2 is in AUTH_BYPASS_CIDRS");
        inside.Body.Should().EndWith($"xff={ClientAddresses.Inside}\n", "the client really left from 127.0.0.2");
        outside.ShouldAskForCredentials("alpha", "127.0.0.3 is not in AUTH_BYPASS_CIDRS");
        outsideWithCredentials.ShouldReach("alpha-1", "outside the list, the password still works");
        loopback.ShouldAskForCredentials("alpha", "127.0.0.1 is not in AUTH_BYPASS_CIDRS either");
        alpha.RequestCount.Should().Be(2);
    }
}

using RancherHaproxy.Tests.EndToEnd.ReviewApps;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>ALLOW_CIDRS: only those client networks reach any stack or the index; others get 403 before anything else.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class AllowListTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly string Host = EndToEndHarness.HostFor("alpha");

    [Fact(Timeout = 30_000)]
    public async Task Request_ClientOutsideAllowCidrs_403ForStackIndexAndUnknownHostInsidePasses()
    {
        // Arrange: a network and an address alone (= /32) in the list.
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(IndexPage.Settings(("ALLOW_CIDRS", $"10.9.0.0/16,{ClientAddresses.Inside}")));
        var outside = ClientAddresses.From(Harness, ClientAddresses.Outside);
        var inside = ClientAddresses.From(Harness, ClientAddresses.Inside);

        // Act
        var outsideStack = await outside.GetAsync(Host);
        var outsideIndex = await outside.GetAsync(IndexPage.Host, "/stacks.json");
        var outsideIndexPage = await outside.GetAsync(IndexPage.Host, "/", AnswerTexts.BrowserAccept);
        var outsideUnknown = await outside.GetAsync("nope.e2e.test");
        var insideStack = await inside.GetAsync(Host);
        var insideIndex = await inside.GetAsync(IndexPage.Host, "/stacks.json");

        // Assert
        outsideStack.ShouldBeForbidden("127.0.0.3 is outside ALLOW_CIDRS");
        outsideIndex.ShouldBeForbidden("the index follows ALLOW_CIDRS too");
        outsideIndexPage.ShouldBeForbidden("the index page as well");
        outsideUnknown.ShouldBeForbidden("403 comes before anything else, unknown hosts included");
        insideStack.ShouldReach("alpha-1", "127.0.0.2 is in ALLOW_CIDRS");
        insideIndex.Status.Should().Be(200, insideIndex.ToString());
        insideIndex.Body.Should().Contain("\"alpha\"");
        alpha.RequestCount.Should().Be(1, "nothing from outside reached the container");
    }

    [Fact(Timeout = 30_000)]
    public async Task Request_ClientOutsideAllowCidrsWithValidCredentials_403BeforeTheCredentialCheck()
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["ALLOW_CIDRS"] = ClientAddresses.Cidr(ClientAddresses.Inside),
            ["AUTH_DEFAULT"] = "on",
            ["AUTH_USERS"] = TestUsers.Bcrypt2b.Line,
        });
        var outside = ClientAddresses.From(Harness, ClientAddresses.Outside);
        var inside = ClientAddresses.From(Harness, ClientAddresses.Inside);

        // Act
        var outsideWithCredentials = await outside.GetAsync(Host, headers: TestUsers.Bcrypt2b.Credentials);
        var insideWithout = await inside.GetAsync(Host);
        var insideWith = await inside.GetAsync(Host, headers: TestUsers.Bcrypt2b.Credentials);

        // Assert
        outsideWithCredentials.ShouldBeForbidden("valid credentials do not open ALLOW_CIDRS");
        insideWithout.ShouldAskForCredentials("alpha", "ALLOW_CIDRS is not a bypass: inside still needs credentials");
        insideWith.ShouldReach("alpha-1");
    }
}

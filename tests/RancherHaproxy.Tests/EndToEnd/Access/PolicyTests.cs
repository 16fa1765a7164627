using System.Text.Json.Nodes;
using RancherHaproxy.Tests.EndToEnd.ReviewApps;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// Which stacks are protected: AUTH_DEFAULT for a stack that says nothing, the label
/// <c>map-public-http.auth=on</c> always, <c>=off</c> only with AUTH_ALLOW_OPT_OUT=true (otherwise
/// a warning naming the stack, which keeps the default); every host of a protected stack, and the
/// index when AUTH_DEFAULT=on.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class PolicyTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string Silent = "silent-app";
    private const string OptedIn = "optin-app";
    private const string OptedOut = "optout-app";

    [Theory(Timeout = 30_000)]
    [InlineData("off", false, false, false)]
    [InlineData("off", true, false, false)]
    [InlineData("on", false, true, true)]
    [InlineData("on", true, true, false)]
    public async Task Request_AuthDefaultLabelsAndOptOut_EachStackProtectedAsTheSpecSays(string authDefault, bool optOut, bool silentProtected, bool optedOutProtected)
    {
        // Arrange: one stack without the label, one with auth=on, one with auth=off.
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo(Silent, await Harness.StartBackendAsync("silent-1")),
            ContainerBuilder.RoutedTo(OptedIn, await Harness.StartBackendAsync("optin-1")).WithLabel(AccessAnswers.AuthLabel, "on"),
            ContainerBuilder.RoutedTo(OptedOut, await Harness.StartBackendAsync("optout-1")).WithLabel(AccessAnswers.AuthLabel, "off"));
        await Harness.StartDaemonAndWaitForRoutesAsync(IndexPage.Settings(
            ("AUTH_DEFAULT", authDefault),
            ("AUTH_ALLOW_OPT_OUT", optOut ? "true" : null),
            ("AUTH_USERS", TestUsers.Sha512.Line)));
        var client = ClientAddresses.From(Harness);

        // Act
        var silent = await client.GetAsync(EndToEndHarness.HostFor(Silent));
        var optedIn = await client.GetAsync(EndToEndHarness.HostFor(OptedIn));
        var optedInWithCredentials = await client.GetAsync(EndToEndHarness.HostFor(OptedIn), headers: TestUsers.Sha512.Credentials);
        var optedOut = await client.GetAsync(EndToEndHarness.HostFor(OptedOut));
        var index = await client.GetAsync(IndexPage.Host, "/stacks.json");

        // Assert
        AssertProtection(silent, Silent, "silent-1", silentProtected, $"a stack without the label follows AUTH_DEFAULT={authDefault}");
        optedIn.ShouldAskForCredentials(OptedIn, "auth=on always holds");
        optedInWithCredentials.ShouldReach("optin-1");
        AssertProtection(optedOut, OptedOut, "optout-1", optedOutProtected, $"auth=off with AUTH_ALLOW_OPT_OUT={optOut} and AUTH_DEFAULT={authDefault}");
        if (authDefault == "on")
        {
            index.ShouldAskForCredentials(AccessAnswers.IndexRealm, "the index is protected when AUTH_DEFAULT=on");
        }
        else
        {
            index.Status.Should().Be(200, index.ToString());
        }

        // The warning comes from building the routes: "routes applied" (awaited above) follows it.
        var warnings = Harness.Daemon.Lines.Where(line => line.Level == "warn" && line.Raw.Contains(OptedOut, StringComparison.Ordinal));
        if (optOut)
        {
            warnings.Should().BeEmpty("auth=off is allowed with AUTH_ALLOW_OPT_OUT=true");
        }
        else
        {
            warnings.Should().NotBeEmpty("auth=off without AUTH_ALLOW_OPT_OUT is reported naming the stack");
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Request_ProtectedStack_OwnNameHostsLabelNameAndAliasAllAskWithTheStackAsRealm()
    {
        // Arrange: stack app-r1 (auth=on) serves app-r1, api-app-r1 (its api service's .hosts) and the alias www.
        var web = await Harness.StartBackendAsync("web-1");
        var api = await Harness.StartBackendAsync("api-1");
        var open = await Harness.StartBackendAsync("open-1");
        JsonObject[] containers =
        [
            ContainerBuilder.RoutedTo("app-r1", web).InStack("app-r1", "web").WithLabel(AccessAnswers.AuthLabel, "on").Build(),
            ContainerBuilder.RoutedTo("app-r1", api).InStack("app-r1", "api").WithLabel(ServiceHostsTests.HostsLabel, "api-{stack}").Build(),
            ContainerBuilder.RoutedTo("open", open).Build(),
        ];
        var aliases = new JsonObject { ["aliases"] = new JsonObject { ["app-r1"] = new JsonArray("www") } };
        Harness.Metadata.Publish(containers, MetadataObjects.Service("lb", "haproxy", aliases));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["AUTH_USERS"] = TestUsers.Bcrypt2y.Line });
        var client = ClientAddresses.From(Harness);
        string[] hosts = ["app-r1.e2e.test", "api-app-r1.e2e.test", "www.e2e.test"];

        foreach (var host in hosts)
        {
            // Act
            var anonymous = await client.GetAsync(host);
            var authorised = await client.GetAsync(host, headers: TestUsers.Bcrypt2y.Credentials);

            // Assert
            anonymous.ShouldAskForCredentials("app-r1", $"{host} is a host of the protected stack");
            authorised.Status.Should().Be(200, "{0}: {1}", host, authorised);
        }

        (await client.GetAsync(EndToEndHarness.HostFor("open"))).ShouldReach("open-1", "another stack is not protected by app-r1's label");
        (await client.GetAsync("api-app-r1.e2e.test", headers: TestUsers.Bcrypt2y.Credentials)).ShouldReach("api-1");
    }

    private static void AssertProtection(HttpAnswer answer, string stack, string backend, bool isProtected, string because)
    {
        if (isProtected)
        {
            answer.ShouldAskForCredentials(stack, because);
        }
        else
        {
            answer.ShouldReach(backend, because);
        }
    }
}

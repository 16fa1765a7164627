using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// After a successful check the Authorization header never reaches the container (a review app must
/// not harvest the shared credentials); AUTH_FORWARD=true keeps it.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ForwardedAuthorizationTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Theory(Timeout = 30_000)]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Request_SuccessfulCheck_AuthorizationAtTheContainerOnlyWithAuthForward(string? authForward, bool kept)
    {
        // Arrange
        var user = TestUsers.Bcrypt2a;
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["AUTH_DEFAULT"] = "on",
            ["AUTH_USERS"] = user.Line,
            ["AUTH_FORWARD"] = authForward,
        });
        var path = "/forwarded-" + Guid.NewGuid().ToString("N");

        // Act
        var answer = await ClientAddresses.From(Harness).GetAsync(EndToEndHarness.HostFor("alpha"), path, headers: user.Credentials);

        // Assert
        answer.ShouldReach("alpha-1");
        var received = alpha.ReceivedFor(path);
        received.Should().NotBeNull("the container got the request");
        received!.Header("X-Forwarded-For").Should().Be("127.0.0.1", "the recorder sees the headers HAProxy sends");
        if (kept)
        {
            received.Header("Authorization").Should().Be(user.Authorization, "AUTH_FORWARD=true keeps the header as the client sent it");
        }
        else
        {
            received.Header("Authorization").Should().BeNull("the shared credentials never reach a review app");
        }
    }
}

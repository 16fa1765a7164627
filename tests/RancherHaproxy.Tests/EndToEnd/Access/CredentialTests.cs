using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// A protected stack wants valid shared credentials: 401 with its name as realm without them or with
/// wrong ones, 200 from its container with a user of each accepted hash kind, from AUTH_USERS and
/// AUTH_USERS_FILE alike.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class CredentialTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly string Host = EndToEndHarness.HostFor("alpha");

    [Fact(Timeout = 30_000)]
    public async Task Request_NoOrWrongCredentials_401WithStackRealmAndNothingReachesTheContainer()
    {
        // Arrange
        var alpha = await StartAlphaAsync(TestUsers.Sha256);
        var client = ClientAddresses.From(Harness);
        var user = TestUsers.Sha256;

        // Act
        var none = await client.GetAsync(Host);
        var wrongPassword = await client.GetAsync(Host, headers: user.WrongCredentials);
        var unknownUser = await client.GetAsync(Host, headers: [new("Authorization", TestUser.Basic("nobody", user.Password))]);
        var emptyPassword = await client.GetAsync(Host, headers: [new("Authorization", TestUser.Basic(user.Name, string.Empty))]);
        var notBase64 = await client.GetAsync(Host, headers: [new("Authorization", "Basic %%%not-base64%%%")]);
        var otherScheme = await client.GetAsync(Host, headers: [new("Authorization", "Bearer " + user.Password)]);

        // Assert
        none.ShouldAskForCredentials("alpha", "no Authorization header");
        wrongPassword.ShouldAskForCredentials("alpha", "a wrong password");
        unknownUser.ShouldAskForCredentials("alpha", "a user not in the list");
        emptyPassword.ShouldAskForCredentials("alpha", "an empty password");
        notBase64.ShouldAskForCredentials("alpha", "an Authorization value that is not base64");
        otherScheme.ShouldAskForCredentials("alpha", "a scheme other than Basic");
        alpha.RequestCount.Should().Be(0, "no refused request reaches the container");
    }

    [Fact(Timeout = 30_000)]
    public async Task Request_UserOfEachAcceptedHashKind_200FromTheContainerWrongPassword401()
    {
        // Arrange
        var alpha = await StartAlphaAsync([.. TestUsers.Accepted]);
        var client = ClientAddresses.From(Harness);

        foreach (var user in TestUsers.Accepted)
        {
            // Act
            var right = await client.GetAsync(Host, headers: user.Credentials);
            var wrong = await client.GetAsync(Host, headers: user.WrongCredentials);

            // Assert
            right.ShouldReach("alpha-1", $"the right password of {user}");
            wrong.ShouldAskForCredentials("alpha", $"a wrong password of {user}");
        }

        alpha.RequestCount.Should().Be(TestUsers.Accepted.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Request_UsersFromAuthUsersFileAndAuthUsers_BothAccepted()
    {
        // Arrange: comments and blank lines are ignored.
        var file = Harness.Directory.Combine("users.htpasswd");
        await File.WriteAllTextAsync(file, $"# reviewers\n\n{TestUsers.FileUser.Line}\n\n# end\n");
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["AUTH_DEFAULT"] = "on",
            ["AUTH_USERS"] = TestUsers.Bcrypt2b.Line,
            ["AUTH_USERS_FILE"] = file,
        });
        var client = ClientAddresses.From(Harness);

        // Act
        var fromFile = await client.GetAsync(Host, headers: TestUsers.FileUser.Credentials);
        var fromEnvironment = await client.GetAsync(Host, headers: TestUsers.Bcrypt2b.Credentials);
        var none = await client.GetAsync(Host);

        // Assert
        fromFile.ShouldReach("alpha-1", "the user of AUTH_USERS_FILE");
        fromEnvironment.ShouldReach("alpha-1", "the user of AUTH_USERS");
        none.ShouldAskForCredentials("alpha");
    }

    private async Task<BackendListener> StartAlphaAsync(params TestUser[] users)
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["AUTH_DEFAULT"] = "on",
            ["AUTH_USERS"] = TestUsers.AuthUsers(users),
        });
        return alpha;
    }
}

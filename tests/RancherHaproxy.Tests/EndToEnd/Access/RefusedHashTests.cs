using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// Plain text, <c>$1$</c> and <c>$apr1$</c> are refused: at start (AUTH_USERS, AUTH_USERS_FILE) with
/// exit code 2 and an error naming the user, never the hash; from service metadata at run time with
/// a warning naming the user, the users in force staying as they were.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class RefusedHashTests(ITestOutputHelper output) : EndToEndTest(output)
{
    /// <summary>Settings are checked before anything starts: the exit comes within a second or two.</summary>
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(5);
    private static readonly string Host = EndToEndHarness.HostFor("alpha");

    [Theory(Timeout = 30_000)]
    [InlineData("plain")]
    [InlineData("md5")]
    [InlineData("apr1")]
    public async Task Start_RefusedHashInAuthUsers_ExitsTwoNamingTheUserNeverTheHash(string kind)
    {
        // Arrange: a good user first, so the refused one is not simply the only line.
        var refused = TestUsers.Refused(kind);

        // Act
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { ["AUTH_USERS"] = TestUsers.AuthUsers(TestUsers.Sha256, refused) });
        var exitCode = await daemon.WaitForExitAsync(ExitTimeout);

        // Assert
        exitCode.Should().Be(2);
        AssertRefusedAtStart(daemon, refused);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("plain")]
    [InlineData("md5")]
    [InlineData("apr1")]
    public async Task Start_RefusedHashInAuthUsersFile_ExitsTwoNamingTheUserNeverTheHash(string kind)
    {
        // Arrange
        var refused = TestUsers.Refused(kind);
        var file = Harness.Directory.Combine("users.htpasswd");
        await File.WriteAllTextAsync(file, $"{TestUsers.FileUser.Line}\n{refused.Line}\n");

        // Act
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { ["AUTH_USERS_FILE"] = file });
        var exitCode = await daemon.WaitForExitAsync(ExitTimeout);

        // Assert
        exitCode.Should().Be(2);
        AssertRefusedAtStart(daemon, refused);
    }

    [Fact(Timeout = 30_000)]
    public async Task Publish_RefusedHashInServiceMetadata_WarnsNamingTheUserAndTheUsersInForceStay()
    {
        // Arrange: a user from the environment, one from metadata; every stack protected.
        var refused = TestUsers.Md5Crypt;
        var containers = new[] { ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build() };
        Harness.Metadata.Publish(containers, TestUsers.LoadBalancer(TestUsers.MetadataUser.Line));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["AUTH_DEFAULT"] = "on",
            ["AUTH_USERS"] = TestUsers.Sha256.Line,
        });
        var client = ClientAddresses.From(Harness);
        (await client.GetAsync(Host)).ShouldAskForCredentials("alpha", "AUTH_DEFAULT=on protects alpha");
        (await client.GetAsync(Host, headers: TestUsers.MetadataUser.Credentials)).ShouldReach("alpha-1", "the metadata user is in force");
        var linesBefore = Harness.Daemon.LineCount;

        // Act: the same list plus a refused line, as a list of strings this time.
        var version = Harness.Metadata.Publish(containers, TestUsers.LoadBalancer(new JsonArray(TestUsers.MetadataUser.Line, refused.Line)));
        var warning = await Harness.Daemon.WaitForLineAsync(
            line => line.Level == "warn" && line.Raw.Contains($"user {refused.Name}", StringComparison.Ordinal) && line.Raw.Contains("unsupported hash", StringComparison.Ordinal),
            EndToEndHarness.ChangeTimeout, $"a warning naming user {refused.Name}", linesBefore);
        await Harness.Metadata.WaitForLongPollAsync(version, EndToEndHarness.ChangeTimeout);

        // Assert
        (await client.GetAsync(Host, headers: TestUsers.MetadataUser.Credentials)).ShouldReach("alpha-1", "the metadata users in force stay");
        (await client.GetAsync(Host, headers: TestUsers.Sha256.Credentials)).ShouldReach("alpha-1", "the environment's user stays");
        (await client.GetAsync(Host, headers: refused.Credentials)).ShouldAskForCredentials("alpha", "the refused user never gets in");
        warning.Raw.Should().Contain("htpasswd -nbB", "the warning says how to make a bcrypt hash");
        AssertNoSecretOf(Harness.Daemon, refused);
    }

    private static void AssertRefusedAtStart(DaemonProcess daemon, TestUser refused)
    {
        var expected = $"user {refused.Name}: unsupported hash; make a bcrypt one with: htpasswd -nbB {refused.Name} '<password>'";
        daemon.Lines.Should().Contain(
            line => line.Level == "error" && line.Raw.Contains("AUTH_USERS", StringComparison.Ordinal) && line.Raw.Contains(expected, StringComparison.Ordinal),
            "one error line names the user {0} and says how to make a bcrypt hash", refused.Name);
        AssertNoSecretOf(daemon, refused);
        AssertNoSecretOf(daemon, TestUsers.Sha256);
        AssertNoSecretOf(daemon, TestUsers.FileUser);
        File.Exists(Path.Combine(daemon.Environment["HAPROXY_RUN_DIR"], "haproxy.pid")).Should().BeFalse("HAProxy never started");
    }

    private static void AssertNoSecretOf(DaemonProcess daemon, TestUser user)
    {
        foreach (var line in daemon.Lines)
        {
            foreach (var secret in user.Secrets)
            {
                line.Raw.Should().NotContain(secret, "no part of the hash or password of {0} is printed", user);
            }
        }
    }
}

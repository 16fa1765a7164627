using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>Bad access settings: exit code 2 and an error naming the variable, before anything starts.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class AccessSettingsTests(ITestOutputHelper output) : EndToEndTest(output)
{
    /// <summary>Settings are checked before anything starts: the exit comes within a second or two.</summary>
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(5);

    [Theory(Timeout = 30_000)]
    [InlineData("AUTH_DEFAULT", "maybe")]
    [InlineData("AUTH_ALLOW_OPT_OUT", "sometimes")]
    [InlineData("AUTH_FORWARD", "yes-please")]
    [InlineData("AUTH_BYPASS_CIDRS", "10.0.0.0/33")]
    [InlineData("ALLOW_CIDRS", "not-a-network")]
    [InlineData("ACCEPT_PROXY_FROM", "127.0.0.4/99")]
    public async Task Start_BadAccessVariable_ExitsTwoNamingIt(string variable, string value)
    {
        // Act
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { [variable] = value });
        var exitCode = await daemon.WaitForExitAsync(ExitTimeout);

        // Assert
        exitCode.Should().Be(2);
        daemon.Lines.Should().Contain(line => line.Level == "error" && line.Field("variable") == variable, "one error line names {0}", variable);
    }

    [Fact(Timeout = 30_000)]
    public async Task Start_AuthUsersFileMissing_ExitsTwoNamingIt()
    {
        // Act
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { ["AUTH_USERS_FILE"] = Harness.Directory.Combine("no-such-users") });
        var exitCode = await daemon.WaitForExitAsync(ExitTimeout);

        // Assert
        exitCode.Should().Be(2);
        daemon.Lines.Should().Contain(line => line.Level == "error" && line.Raw.Contains("AUTH_USERS_FILE", StringComparison.Ordinal));
    }
}

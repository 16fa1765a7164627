using RancherHaproxy.Auth;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Configuration;

/// <summary>AUTH_*, ALLOW_CIDRS, ACCEPT_PROXY_FROM and HAPROXY_AUTH_MAP.</summary>
public sealed partial class SettingsLoaderTests
{
    [Fact]
    public void Load_AuthDefaults()
    {
        // Act
        var auth = Load().Settings!.Auth;

        // Assert
        auth.Users.Should().BeEmpty();
        (auth.Default, auth.AllowOptOut, auth.Forward).Should().Be((false, false, false));
        auth.BypassCidrs.Should().BeEmpty();
        auth.AllowCidrs.Should().BeEmpty();
        auth.AcceptProxyFrom.Should().BeEmpty();
        auth.AuthMap.Should().Be(Directory + "/auth.map");
    }

    [Fact]
    public void Load_AuthValues_AreNormalised()
    {
        // Act
        var auth = Load(
            ("AUTH_DEFAULT", "on"),
            ("AUTH_ALLOW_OPT_OUT", "true"),
            ("AUTH_FORWARD", "true"),
            ("AUTH_BYPASS_CIDRS", "10.8.0.0/16, 192.168.1.7"),
            ("ALLOW_CIDRS", "0.0.0.0/0,::/0"),
            ("ACCEPT_PROXY_FROM", "10.0.0.5"),
            ("HAPROXY_DOMAIN_MAP", "/tmp/x/domain.map")).Settings!.Auth;

        // Assert
        (auth.Default, auth.AllowOptOut, auth.Forward).Should().Be((true, true, true));
        auth.BypassCidrs.Should().Equal("10.8.0.0/16", "192.168.1.7/32");
        auth.AllowCidrs.Should().Equal("0.0.0.0/0", "::/0");
        auth.AcceptProxyFrom.Should().Equal("10.0.0.5/32");
        auth.AuthMap.Should().Be("/tmp/x/auth.map");
    }

    [Fact]
    public void Load_UsersFromEnvironmentAndFile_EnvironmentFirstAndWins()
    {
        // Arrange
        using var directory = new TempDirectory();
        var file = directory.Combine("users");
        File.WriteAllText(file, $"# the team\nbob:{TestHashes.Sha256}\n\nalice:{TestHashes.Sha512}\n");

        // Act
        var auth = Load(("AUTH_USERS", $"alice:{TestHashes.Bcrypt},carol:{TestHashes.Sha512}"), ("AUTH_USERS_FILE", file)).Settings!.Auth;

        // Assert
        auth.Users.Should().Equal(new AuthUser("alice", TestHashes.Bcrypt), new AuthUser("carol", TestHashes.Sha512), new AuthUser("bob", TestHashes.Sha256));
        auth.DuplicateUsers.Should().Equal("alice");
        auth.ToString().Should().NotContain("$2b$");
    }

    [Theory]
    [InlineData("AUTH_USERS")]
    [InlineData("AUTH_USERS_FILE")]
    public void Load_RefusedHash_ErrorNamesVariableAndUserNeverTheHash(string variable)
    {
        // Arrange
        using var directory = new TempDirectory();
        var file = directory.Combine("users");
        var entries = $"alice:{TestHashes.Bcrypt}\ndave:$1$saltsalt$qjXMvbEw8oaL.CzflDugX/";
        File.WriteAllText(file, entries);

        // Act
        var result = Load((variable, variable == "AUTH_USERS" ? entries : file));

        // Assert
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Variable.Should().Be(variable);
        error.Reason.Should().Be("user dave: unsupported hash; make a bcrypt one with: htpasswd -nbB dave '<password>'");
    }

    [Fact]
    public void Load_UsersFileMissing_Error() =>
        Load(("AUTH_USERS_FILE", "/nonexistent/users")).Errors.Should().ContainSingle().Which.Variable.Should().Be("AUTH_USERS_FILE");

    [Theory]
    [InlineData("AUTH_DEFAULT", "yes")]
    [InlineData("AUTH_ALLOW_OPT_OUT", "maybe")]
    [InlineData("AUTH_FORWARD", "2")]
    [InlineData("AUTH_BYPASS_CIDRS", "10.0.0.0/33")]
    [InlineData("ALLOW_CIDRS", "office")]
    [InlineData("ACCEPT_PROXY_FROM", "10.0.0.1,lb")]
    [InlineData("HAPROXY_AUTH_MAP", "/tmp/a\"b.map")]
    public void Load_BadAuthValue_ErrorNamesTheVariable(string variable, string value) =>
        Load((variable, value)).Errors.Should().ContainSingle().Which.Variable.Should().Be(variable);
}

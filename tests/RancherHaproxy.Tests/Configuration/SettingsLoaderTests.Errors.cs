namespace RancherHaproxy.Tests.Configuration;

/// <summary>Every bad variable is reported by name, all at once, and no settings come back.</summary>
public sealed partial class SettingsLoaderTests
{
    private const string Password = "Hunter2-Secret";

    [Theory]
    [InlineData("STACK_DOMAIN", null)]
    [InlineData("STACK_DOMAIN", "   ")]
    [InlineData("STACK_DOMAIN", "exa mple.com")]
    [InlineData("STACK_DOMAIN", "-bad.example.com")]
    [InlineData("STACK_DOMAIN", "example..com")]
    [InlineData("STACK_DOMAIN", "exam\nple.com")]
    [InlineData("STACK_DOMAIN", "ex%[a].com")]
    [InlineData("STACK_DOMAIN", ".")]
    [InlineData("POLL_INTERVAL", "abc")]
    [InlineData("POLL_INTERVAL", "0")]
    [InlineData("POLL_INTERVAL", "-1")]
    [InlineData("POLL_INTERVAL", "NaN")]
    [InlineData("POLL_INTERVAL", "0.00000001")]
    [InlineData("POLL_INTERVAL", "3601")]
    [InlineData("HTTP_PORT", "0")]
    [InlineData("HTTPS_PORT", "70000")]
    [InlineData("STATS_PORT", "80a")]
    [InlineData("HTTP_PORT", "-80")]
    [InlineData("HEALTH_FILTER", "maybe")]
    [InlineData("ENABLE_STATS", "on")]
    [InlineData("SSL_REDIRECTION_TYPE", "300")]
    [InlineData("SYSLOG_FACILITY", "bogus")]
    [InlineData("RANCHER_API_HOST", "rancher metadata")]
    [InlineData("RANCHER_API_HOST", "rancher-metadata:0")]
    [InlineData("RANCHER_API_HOST", "rancher-metadata:http")]
    [InlineData("RANCHER_API_HOST", "rancher-metadata:70000")]
    [InlineData("RANCHER_API_VERSION", "v1")]
    [InlineData("HAPROXY_CONFIG", "/etc/haproxy/\"haproxy.cfg")]
    [InlineData("HAPROXY_CONFIG", "/etc/haproxy/ha\nproxy.cfg")]
    [InlineData("HAPROXY_DOMAIN_MAP", "/etc/${HOME}/domain.map")]
    [InlineData("HAPROXY_BACKEND_CONFIG", "/etc/haproxy/back'ends.cfg")]
    [InlineData("HAPROXY_RUN_DIR", "C:\\run")]
    [InlineData("RANCHER_LABEL", "map public http")]
    [InlineData("RANCHER_PROXY_LABEL", "send\"proxy")]
    [InlineData("LOG_LEVEL", "loud")]
    [InlineData("METADATA_FILE", "/nonexistent/rancher-haproxy/metadata.json")]
    [InlineData("SYSLOG_HOST", "syslog host")]
    [InlineData("STATS_USERNAME", "ad:min")]
    public void Load_BadVariable_ReportsOneErrorNamingIt(string variable, string? value)
    {
        // Arrange / Act
        var result = Load((variable, value));

        // Assert
        result.Settings.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Variable.Should().Be(variable);
        result.Errors[0].Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Load_SeveralBadVariables_ReportsOneErrorPerVariable()
    {
        // Arrange
        var bad = new (string Name, string? Value)[]
        {
            ("STACK_DOMAIN", null),
            ("POLL_INTERVAL", "abc"),
            ("HTTP_PORT", "70000"),
            ("HEALTH_FILTER", "maybe"),
            ("LOG_LEVEL", "loud"),
            ("HAPROXY_CONFIG", "/a\"b"),
        };

        // Act
        var result = Load(bad);

        // Assert
        result.Settings.Should().BeNull();
        result.Errors.Select(error => error.Variable).Should().BeEquivalentTo(bad.Select(variable => variable.Name));
    }

    [Fact]
    public void Load_BadValue_ErrorShowsTheValue()
    {
        // Arrange / Act
        var result = Load(("HTTP_PORT", "80a"));

        // Assert: the user sees what was wrong, not only where.
        result.Errors.Should().ContainSingle().Which.Reason.Should().Contain("'80a'");
    }

    [Theory]
    [InlineData(Password)]
    [InlineData(Password + " with a space")]
    [InlineData(Password + "$")]
    public void Load_ManyErrors_NoMessageContainsTheStatsPassword(string password)
    {
        // Arrange / Act
        var result = Load(
            ("STATS_PASSWORD", password),
            ("POLL_INTERVAL", "abc"),
            ("ENABLE_STATS", "maybe"));

        // Assert
        result.Errors.Should().NotBeEmpty();
        result.Errors.Should().AllSatisfy(error =>
        {
            error.Reason.Should().NotContain(Password);
            error.Variable.Should().NotContain(Password);
        });
    }
}

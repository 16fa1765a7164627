using Microsoft.Extensions.Configuration;
using RancherHaproxy.Configuration;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Tests.Configuration;

/// <summary>Defaults and accepted spellings; the error cases are in SettingsLoaderTests.Errors.cs.</summary>
public sealed partial class SettingsLoaderTests
{
    private const string Directory = "/usr/local/etc/haproxy";

    [Fact]
    public void Load_OnlyStackDomain_AppliesEveryDefault()
    {
        // Arrange / Act
        var result = Load();

        // Assert
        result.Errors.Should().BeEmpty();
        var settings = result.Settings!;
        settings.StackDomain.Should().Be("example.com");
        settings.RancherLabel.Should().Be("map-public-http");
        settings.RancherProxyLabel.Should().Be("send-proxy");
        settings.MetadataHost.Should().Be("rancher-metadata.rancher.internal");
        settings.MetadataVersion.Should().Be("2015-12-19");
        settings.MetadataFile.Should().BeNull();
        settings.DisableMetadata.Should().BeFalse();
        settings.HaproxyConfig.Should().Be(Directory + "/haproxy.cfg");
        settings.BackendConfig.Should().Be(Directory + "/haproxy-backends.cfg");
        settings.DomainMap.Should().Be(Directory + "/domain.map");
        settings.RunDirectory.Should().Be("/var/run/haproxy");
        settings.HaproxyBinary.Should().Be("haproxy");
        settings.PollInterval.Should().Be(TimeSpan.FromSeconds(10));
        settings.HttpPort.Should().Be(80);
        settings.HttpsPort.Should().Be(443);
        settings.StatsPort.Should().Be(1936);
        settings.HealthFilter.Should().BeTrue();
        settings.LogLevel.Should().Be(LogLevel.Info);
        settings.Tls.RedirectStatus.Should().Be(301);
        settings.Tls.Enabled.Should().BeFalse();
        settings.SyslogFacility.Should().Be("daemon");
        settings.SyslogHost.Should().BeNull();
        settings.Stats.Should().Be(new StatsSettings(false, "haproxy", "haproxy"));
    }

    [Fact]
    public void Load_EveryVariableSet_UsesTheGivenValues()
    {
        // Arrange / Act
        var result = Load(
            ("STACK_DOMAIN", "Dev.Example.COM."),
            ("RANCHER_LABEL", "io.example/route"),
            ("RANCHER_API_HOST", "127.0.0.1:8081"),
            ("RANCHER_API_VERSION", "latest"),
            ("POLL_INTERVAL", "0.5"),
            ("HTTP_PORT", "8080"),
            ("HTTPS_PORT", "8443"),
            ("STATS_PORT", "9000"),
            ("HAPROXY_DOMAIN_MAP", "/tmp/x/domain.map"),
            ("HAPROXY_RUN_DIR", "/tmp/x/run"),
            ("SSL_REDIRECTION_TYPE", "308"),
            ("SYSLOG_FACILITY", "LOCAL3"),
            ("LOG_LEVEL", "debug"));

        // Assert
        result.Errors.Should().BeEmpty();
        var settings = result.Settings!;
        settings.StackDomain.Should().Be("dev.example.com", "the domain is lower-cased and loses its trailing dot");
        settings.RancherLabel.Should().Be("io.example/route");
        settings.MetadataHost.Should().Be("127.0.0.1:8081");
        settings.MetadataVersion.Should().Be("latest");
        settings.PollInterval.Should().Be(TimeSpan.FromMilliseconds(500));
        (settings.HttpPort, settings.HttpsPort, settings.StatsPort).Should().Be((8080, 8443, 9000));
        settings.DomainMap.Should().Be("/tmp/x/domain.map");
        settings.RunDirectory.Should().Be("/tmp/x/run");
        settings.Tls.RedirectStatus.Should().Be(308);
        settings.SyslogFacility.Should().Be("local3");
        settings.LogLevel.Should().Be(LogLevel.Debug);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData("NO", false)]
    public void Load_BooleanSpelling_IsAccepted(string spelling, bool expected)
    {
        // Arrange: one variable defaults to true and one to false, so one of them must change.
        // Act
        var result = Load(("HEALTH_FILTER", spelling), ("DISABLE_METADATA", spelling));

        // Assert
        result.Errors.Should().BeEmpty();
        result.Settings!.HealthFilter.Should().Be(expected);
        result.Settings.DisableMetadata.Should().Be(expected);
    }

    [Fact]
    public void Load_ExistingMetadataFile_IsAccepted()
    {
        // Arrange
        using var directory = new TestSupport.TempDirectory();
        var path = directory.Combine("metadata.json");
        File.WriteAllText(path, "{}");

        // Act
        var result = Load(("METADATA_FILE", path));

        // Assert
        result.Errors.Should().BeEmpty();
        result.Settings!.MetadataFile.Should().Be(path);
    }

    [Fact]
    public void ToString_Settings_DoesNotShowTheStatsPassword()
    {
        // Arrange
        var settings = Load(("STATS_PASSWORD", "Hunter2-Secret")).Settings!;

        // Act
        var text = settings.ToString();

        // Assert
        text.Should().Contain("Stats").And.NotContain("Hunter2-Secret");
    }

    /// <summary>STACK_DOMAIN=example.com plus the given variables; a null value removes one.</summary>
    private static SettingsResult Load(params (string Name, string? Value)[] variables)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["STACK_DOMAIN"] = "example.com" };
        foreach (var (name, value) in variables)
        {
            values[name] = value;
        }

        return SettingsLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }
}

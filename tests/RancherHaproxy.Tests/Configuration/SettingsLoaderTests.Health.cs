using RancherHaproxy.Configuration;

namespace RancherHaproxy.Tests.Configuration;

/// <summary>HEALTH_PORT, HEALTH_ADDRESS and SHUTDOWN_DELAY.</summary>
public sealed partial class SettingsLoaderTests
{
    [Fact]
    public void Load_HealthDefaults()
    {
        // Act
        var settings = Load().Settings!;

        // Assert
        settings.Health.Should().Be(new HealthSettings(1042, "0.0.0.0", TimeSpan.Zero));
        settings.Health.Enabled.Should().BeTrue();
    }

    [Fact]
    public void Load_HealthValues_AreNormalised()
    {
        // Act
        var settings = Load(("HEALTH_PORT", "9000"), ("HEALTH_ADDRESS", "[::1]"), ("SHUTDOWN_DELAY", "30s")).Settings!;

        // Assert
        settings.Health.Should().Be(new HealthSettings(9000, "::1", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Load_HealthPortZero_TurnsTheEndpointOff()
    {
        // Act / Assert
        Load(("HEALTH_PORT", "0")).Settings!.Health.Enabled.Should().BeFalse();
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("15", 15)]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3600)]
    public void Load_ShutdownDelay_AcceptsUnits(string value, int seconds)
    {
        // Act / Assert
        Load(("SHUTDOWN_DELAY", value)).Settings!.Health.ShutdownDelay.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("HEALTH_PORT", "65536")]
    [InlineData("HEALTH_PORT", "-1")]
    [InlineData("HEALTH_PORT", "http")]
    [InlineData("HEALTH_ADDRESS", "localhost")]
    [InlineData("HEALTH_ADDRESS", "10.0.0.256")]
    [InlineData("HEALTH_ADDRESS", "0.0.0.0:1042")]
    [InlineData("SHUTDOWN_DELAY", "5 minutes")]
    [InlineData("SHUTDOWN_DELAY", "-1")]
    [InlineData("SHUTDOWN_DELAY", "2d")]
    public void Load_BadHealthValue_NamesTheVariable(string variable, string value)
    {
        // Act
        var result = Load((variable, value));

        // Assert
        result.Settings.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Variable.Should().Be(variable);
    }
}

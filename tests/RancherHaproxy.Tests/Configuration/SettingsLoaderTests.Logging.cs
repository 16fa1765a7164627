using Microsoft.Extensions.Configuration;
using RancherHaproxy.Configuration;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Tests.Configuration;

/// <summary>LOG_FORMAT.</summary>
public sealed partial class SettingsLoaderTests
{
    [Theory]
    [InlineData(null, (int)LogFormat.Text)]
    [InlineData("text", (int)LogFormat.Text)]
    [InlineData("json", (int)LogFormat.Json)]
    [InlineData(" JSON ", (int)LogFormat.Json)]
    public void Load_LogFormat_TextByDefaultOrJson(string? value, int expected)
    {
        // Act / Assert
        Load(("LOG_FORMAT", value)).Settings!.LogFormat.Should().Be((LogFormat)expected);
    }

    [Theory]
    [InlineData("logfmt")]
    [InlineData("json lines")]
    public void Load_LogFormatUnknown_ErrorNamesTheVariable(string value)
    {
        // Act
        var result = Load(("LOG_FORMAT", value));

        // Assert
        result.Settings.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Variable.Should().Be("LOG_FORMAT");
    }

    [Theory]
    [InlineData("json", (int)LogFormat.Json)]
    [InlineData("xml", (int)LogFormat.Text)]
    [InlineData(null, (int)LogFormat.Text)]
    public void LogFormatOf_OtherSettingsBad_StillTheValidFormat(string? value, int expected)
    {
        // Arrange: no STACK_DOMAIN, a bad port: settings fail, their error lines still need a format.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["LOG_FORMAT"] = value,
            ["HTTP_PORT"] = "0",
        }).Build();

        // Act / Assert
        SettingsLoader.Load(configuration).Settings.Should().BeNull();
        SettingsLoader.LogFormatOf(configuration).Should().Be((LogFormat)expected);
    }
}

using RancherHaproxy.Configuration;

namespace RancherHaproxy.Tests.Configuration;

/// <summary>UNKNOWN_HOST_STATUS, EXTRA_DOMAINS, INDEX_*, CONSOLIDATE_AFTER and HAPROXY_STACK_MAP.</summary>
public sealed partial class SettingsLoaderTests
{
    [Fact]
    public void Load_ReviewAppDefaults()
    {
        // Act
        var settings = Load().Settings!;

        // Assert
        settings.ReviewApps.Should().BeEquivalentTo(new ReviewAppSettings(
            404, [], null, ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8"], [], TimeSpan.FromMinutes(10)));
        settings.StackMap.Should().Be(Directory + "/stacks.map");
    }

    [Fact]
    public void Load_ReviewAppValues_AreNormalised()
    {
        // Act
        var settings = Load(
            ("UNKNOWN_HOST_STATUS", "503"),
            ("EXTRA_DOMAINS", " Review.Example.ORG., apps.example.net ,"),
            ("INDEX_HOST", "Index"),
            ("INDEX_ALLOW", "10.1.0.0/16, 192.168.1.7, ::1"),
            ("INDEX_LABELS", "git.branch,ci.pipeline_url,git.branch"),
            ("CONSOLIDATE_AFTER", "90s"),
            ("HAPROXY_DOMAIN_MAP", "/tmp/x/domain.map")).Settings!;

        // Assert
        settings.ReviewApps.Should().BeEquivalentTo(new ReviewAppSettings(
            503,
            ["review.example.org", "apps.example.net"],
            "index.example.com",
            ["10.1.0.0/16", "192.168.1.7/32", "::1/128"],
            ["git.branch", "ci.pipeline_url"],
            TimeSpan.FromSeconds(90)));
        settings.StackMap.Should().Be("/tmp/x/stacks.map");
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("45", 45)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    public void Load_ConsolidateAfter_AcceptsUnits(string value, int seconds)
    {
        // Act / Assert
        Load(("CONSOLIDATE_AFTER", value)).Settings!.ReviewApps.ConsolidateAfter.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("UNKNOWN_HOST_STATUS", "500")]
    [InlineData("EXTRA_DOMAINS", "bad domain")]
    [InlineData("EXTRA_DOMAINS", "org")]
    [InlineData("INDEX_HOST", "in dex")]
    [InlineData("INDEX_ALLOW", "10.0.0.0/33")]
    [InlineData("INDEX_ALLOW", "everyone")]
    [InlineData("INDEX_ALLOW", ",")]
    [InlineData("INDEX_LABELS", "git branch")]
    [InlineData("CONSOLIDATE_AFTER", "10 minutes")]
    [InlineData("CONSOLIDATE_AFTER", "-5")]
    [InlineData("CONSOLIDATE_AFTER", "5d")]
    public void Load_BadReviewAppValue_NamesTheVariable(string variable, string value)
    {
        // Act
        var result = Load((variable, value));

        // Assert
        result.Settings.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Variable.Should().Be(variable);
    }
}

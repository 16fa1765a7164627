using RancherHaproxy.Haproxy;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Haproxy;

public sealed class ConfigCheckerTests
{
    [Trait(TestCategories.Name, TestCategories.Haproxy)]
    [Fact(Timeout = 30000)]
    public async Task CheckAsync_EmptyBackendsAndMap_IsValid()
    {
        using var harness = new HaproxyHarness();
        var checker = new ConfigChecker(harness.Options);

        var result = await checker.CheckAsync(harness.BackendConfigPath, MapOverride(harness.DomainMapPath), CancellationToken.None);

        result.IsValid.Should().BeTrue(string.Join('\n', result.ErrorLines));
        result.ErrorLines.Should().NotContain(line => line.Contains("[ALERT]"));
    }

    [Trait(TestCategories.Name, TestCategories.Haproxy)]
    [Fact(Timeout = 30000)]
    public async Task CheckAsync_BrokenBackendsFile_IsInvalidWithAlertNamingTheProblem()
    {
        using var harness = new HaproxyHarness();
        var candidate = harness.Combine("candidate-backends.cfg");
        await File.WriteAllTextAsync(candidate, "backend broken\n    bogus_directive_for_test x\n");
        var checker = new ConfigChecker(harness.Options);

        var result = await checker.CheckAsync(candidate, MapOverride(harness.DomainMapPath), CancellationToken.None);

        result.IsValid.Should().BeFalse();
        result.ErrorLines.Should().Contain(line => line.StartsWith("[ALERT]") && line.Contains("bogus_directive_for_test"));
        result.ErrorLines.Should().OnlyContain(line => line == line.Trim());
    }

    [Trait(TestCategories.Name, TestCategories.Haproxy)]
    [Fact(Timeout = 30000)]
    public async Task CheckAsync_CandidateMapMissing_IsInvalidNamingTheMap()
    {
        using var harness = new HaproxyHarness();
        var missingMap = harness.Combine("no-such.map");
        var checker = new ConfigChecker(harness.Options);

        var result = await checker.CheckAsync(harness.BackendConfigPath, MapOverride(missingMap), CancellationToken.None);

        result.IsValid.Should().BeFalse();
        result.ErrorLines.Should().Contain(line => line.Contains(missingMap));
    }

    [Trait(TestCategories.Name, TestCategories.Haproxy)]
    [Fact(Timeout = 30000)]
    public async Task CheckAsync_MissingBinary_ThrowsHaproxyException()
    {
        using var harness = new HaproxyHarness();
        var checker = new ConfigChecker(harness.Options with { BinaryPath = harness.Combine("no-haproxy-here") });

        var check = () => checker.CheckAsync(harness.BackendConfigPath, MapOverride(harness.DomainMapPath), CancellationToken.None);

        await check.Should().ThrowAsync<HaproxyException>().WithMessage("*no-haproxy-here*");
    }

    [Fact]
    public void ErrorLines_LineQuotingAPasswordHash_HashRedacted()
    {
        // Arrange
        var output = $"[ALERT]    (1) : config : parsing [b.cfg:5] : unknown keyword 'pasword' in 'user alice pasword '{TestHashes.Bcrypt}''\n";

        // Act
        var lines = ConfigChecker.ErrorLines(output, isValid: false);

        // Assert
        lines.Should().ContainSingle().Which.Should().Contain("'pasword'").And.Contain("***").And.NotContain("$2b$").And.NotContain(TestHashes.Bcrypt[7..20]);
    }

    [Theory]
    [InlineData(TestHashes.Sha256)]
    [InlineData(TestHashes.Sha512)]
    public void WithoutTag_ForwardedLineWithAHash_HashRedacted(string hash) =>
        HaproxyOutputLine.WithoutTag($"[WARNING]  (7) : parsing [b.cfg:7]: user bob password '{hash}' is slow").Should()
            .Be("(7) : parsing [b.cfg:7]: user bob password *** is slow");

    [Fact]
    public void ErrorLines_RejectedWithoutTaggedLines_ReturnsEveryNonEmptyLine()
    {
        var lines = ConfigChecker.ErrorLines("  something odd  \n\n  another line\n", isValid: false);

        lines.Should().Equal("something odd", "another line");
    }

    [Theory]
    [InlineData("Configuration file is valid\n")] // 2.6
    [InlineData("")] // 3.2 and 3.4 print nothing without -V
    public void ErrorLines_ValidWithOnlyTheVerdict_ReturnsNothing(string output)
    {
        ConfigChecker.ErrorLines(output, isValid: true).Should().BeEmpty();
    }

    private static Dictionary<string, string> MapOverride(string domainMapPath) => new() { [HaproxyVariables.DomainMap] = domainMapPath };
}

using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.ReviewApps;

/// <summary>The settings of issue 12: a bad value stops the daemon before it starts anything, naming the variable.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ReviewAppSettingsTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Theory(Timeout = 30_000)]
    [InlineData("UNKNOWN_HOST_STATUS", "500")]
    [InlineData("UNKNOWN_HOST_STATUS", "abc")]
    [InlineData("EXTRA_DOMAINS", "ok.example,bad_domain!")]
    [InlineData("INDEX_HOST", "bad host")]
    [InlineData("INDEX_ALLOW", "10.0.0.0/33")]
    [InlineData("INDEX_ALLOW", "everyone")]
    [InlineData("CONSOLIDATE_AFTER", "10x")]
    [InlineData("CONSOLIDATE_AFTER", "-1s")]
    public async Task Start_BadValue_ExitsTwoNamingTheVariable(string variable, string value)
    {
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { [variable] = value });

        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        exitCode.Should().Be(2);
        daemon.Lines.Should().Contain(line => line.Level == "error" && line.Field("variable") == variable);
        File.Exists(Path.Combine(Harness.RunDirectory, "haproxy.pid")).Should().BeFalse("HAProxy never started");
    }

    [Fact(Timeout = 60_000)]
    public async Task Start_EveryNewSettingWithAGoodValue_StartsAndRoutes()
    {
        // The control case for the theory above; CONSOLIDATE_AFTER=0 means never, and is accepted.
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));

        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["UNKNOWN_HOST_STATUS"] = "503",
            ["EXTRA_DOMAINS"] = "other.example, more.example",
            ["INDEX_HOST"] = "stacks.other.example",
            ["INDEX_ALLOW"] = "127.0.0.1,10.0.0.0/8",
            ["INDEX_LABELS"] = "git.branch,git.commit,ci.pipeline_url",
            ["CONSOLIDATE_AFTER"] = "0",
        });

        Harness.Daemon.Lines.Should().NotContain(line => line.Level == "error");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        (await new RawHttpClient(Harness.Probe.Port).GetAsync("stacks.other.example", "/stacks.json")).Status.Should().Be(200, "an INDEX_HOST with dots is used as is");
    }
}

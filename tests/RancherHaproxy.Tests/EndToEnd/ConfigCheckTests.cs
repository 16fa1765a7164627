using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>A candidate that fails <c>haproxy -c</c> never replaces the running files or process.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ConfigCheckTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string Breakage = "\nfrontend broken-on-purpose\n    this-is-not-a-keyword\n";

    [Fact(Timeout = 90_000)]
    public async Task Publish_MainConfigNowFailsCheck_RunningFilesAndRoutesKept()
    {
        var (config, alphaContainer, betaContainer) = await StartWithOwnConfigAsync();
        var daemon = Harness.Daemon;
        var map = await File.ReadAllBytesAsync(Harness.DomainMapPath);
        var backends = await File.ReadAllBytesAsync(Harness.BackendConfigPath);
        var masterPid = daemon.MasterPid;
        await File.AppendAllTextAsync(config, Breakage);
        var linesBefore = daemon.LineCount;

        var version = Harness.Metadata.Publish([alphaContainer, betaContainer]);
        await daemon.WaitForLineAsync(IsCheckFailure, EndToEndHarness.ChangeTimeout, "'sync: config check failed'", linesBefore);
        // Done with the refused version: the daemon waits for the next one, so no reload can follow.
        await Harness.Metadata.WaitForLongPollAsync(version, EndToEndHarness.ChangeTimeout);

        (await File.ReadAllBytesAsync(Harness.DomainMapPath)).Should().Equal(map, "the running map stays in place");
        (await File.ReadAllBytesAsync(Harness.BackendConfigPath)).Should().Equal(backends, "the running backends stay in place");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("beta"))).Status.Should().Be(EndToEndHarness.UnknownHostStatus);
        daemon.MasterPid.Should().Be(masterPid);
        daemon.CountEvents("haproxy", "reload succeeded", linesBefore).Should().Be(0, "HAProxy is never reloaded with a config that failed the check");
        daemon.HasExited.Should().BeFalse();
    }

    [Fact(Timeout = 90_000)]
    public async Task Publish_AfterFailedCheckAndConfigRepaired_NextChangeIsApplied()
    {
        var (config, alphaContainer, betaContainer) = await StartWithOwnConfigAsync();
        var daemon = Harness.Daemon;
        var shipped = await File.ReadAllTextAsync(config);
        await File.AppendAllTextAsync(config, Breakage);
        var linesBefore = daemon.LineCount;
        var version = Harness.Metadata.Publish([alphaContainer, betaContainer]);
        await daemon.WaitForLineAsync(IsCheckFailure, EndToEndHarness.ChangeTimeout, "'sync: config check failed'", linesBefore);
        // The failure is counted once the daemon waits for the next change: a retry loop would not.
        await Harness.Metadata.WaitForLongPollAsync(version, EndToEndHarness.ChangeTimeout);
        var failures = daemon.Lines.Skip(linesBefore).Count(IsCheckFailure);

        await File.WriteAllTextAsync(config, shipped);
        Harness.Metadata.Publish([alphaContainer, betaContainer]);
        var beta = await Harness.Probe.EventuallyAsync(
            EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta-1 once the config is repaired");

        failures.Should().Be(1, "a failed check is retried on the next change, not in a loop");
        beta.Body.Should().Contain("host=beta.e2e.test");
    }

    /// <summary>The contract's event; the daemon may add words after it (e.g. "; the running config stays").</summary>
    private static bool IsCheckFailure(DaemonLogLine line) =>
        line.Component == "sync" && line.Message?.StartsWith("config check failed", StringComparison.Ordinal) == true;

    /// <summary>Starts the daemon on a copy of the shipped config with stack alpha routed; beta is ready to publish.</summary>
    private async Task<(string Config, System.Text.Json.Nodes.JsonObject Alpha, System.Text.Json.Nodes.JsonObject Beta)> StartWithOwnConfigAsync()
    {
        var config = Harness.Directory.Combine("haproxy.cfg");
        File.Copy(RepositoryPaths.ShippedHaproxyConfig, config);
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).Build();
        Harness.Metadata.Publish([alpha]);
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["HAPROXY_CONFIG"] = config });
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        return (config, alpha, beta);
    }
}

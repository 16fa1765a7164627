using System.Globalization;
using RancherHaproxy.Tests.EndToEnd.RuntimeApi;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.ReviewApps;

/// <summary>
/// CONSOLIDATE_AFTER: after that long without a change, stacks served from spare backends get their
/// own <c>stack_&lt;stack&gt;</c> backends through one checked reload, and keep answering.
/// </summary>
/// <remarks>
/// CONSOLIDATE_AFTER=0 ("never") is not tested here: nothing the daemon does marks a consolidation
/// it did not do, so only a fixed sleep could show it. The decision is left to the unit tests of
/// the pure planner (with FakeTimeProvider); here only the setting's validation is covered.
/// </remarks>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ConsolidationTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string Consolidating = "consolidating: giving every stack its own backend";

    /// <summary>2 s of quiet, the reload, and its check.</summary>
    private static readonly TimeSpan ConsolidationTimeout = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 60_000)]
    public async Task Quiet_StackOnSpareBackend_GetsItsOwnBackendThroughOneReload()
    {
        // Arrange: beta arrives at run time, so a spare backend serves it.
        using var syslog = new SyslogReceiver();
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var betaBuilder = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1"));
        Harness.Metadata.Publish([alpha]);
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["CONSOLIDATE_AFTER"] = "2s", ["SYSLOG_HOST"] = syslog.Target });
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-1", EndToEndHarness.ChangeTimeout, "alpha-1 to answer");
        var workerPid = await MasterSocket.WorkerPidAsync(Harness.RunDirectory);
        var linesBefore = Harness.Daemon.LineCount;
        Harness.Metadata.Publish([alpha, betaBuilder.Build()]);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta-1 to answer");
        var server = $"web_{betaBuilder.Uuid}";
        (await AdminSocket.ServersAsync(Harness.RunDirectory)).Should().Contain(
            entry => entry.Server == server && entry.Backend.StartsWith("spare_", StringComparison.Ordinal), "beta starts on a spare backend");

        // Act
        var consolidating = await Harness.Daemon.WaitForLineAsync(
            line => line.Raw.Contains(Consolidating, StringComparison.Ordinal), ConsolidationTimeout, $"'{Consolidating}'", linesBefore);
        await Harness.Daemon.WaitForEventAsync("haproxy", "reload succeeded", ConsolidationTimeout, linesBefore);
        var newWorker = await Eventually.UntilAsync(
            () => MasterSocket.TryCurrentWorkerPidsAsync(Harness.RunDirectory),
            pids => pids.Count == 1 && pids[0] != workerPid,
            ConsolidationTimeout,
            "a new worker after the consolidation reload",
            pids => string.Join(",", pids));
        var servers = await Eventually.UntilAsync(
            () => AdminSocket.ServersAsync(Harness.RunDirectory),
            entries => entries.Any(entry => entry.Backend == "stack_beta" && entry.Server == server),
            ConsolidationTimeout,
            "show stat to list stack_beta with its server",
            entries => string.Join(" ", entries.Select(entry => $"{entry.Backend}/{entry.Server}")));

        var logged = await syslog.LogOfRequestAsync(Harness.Probe, EndToEndHarness.HostFor("beta"), TimeSpan.FromSeconds(5));

        // Assert
        consolidating.Level.Should().Be("info");
        int.Parse(consolidating.Field("spares") ?? "0", CultureInfo.InvariantCulture).Should().BePositive("stacks were served from spare backends (all of them, since HAProxy starts before the first apply)");
        newWorker.Should().ContainSingle().Which.Should().NotBe(workerPid);
        servers.Should().NotContain(entry => entry.Server == server && entry.Backend.StartsWith("spare_", StringComparison.Ordinal), "the spare is freed");
        servers.Should().Contain(entry => entry.Backend == "stack_alpha");
        (await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("beta"), 3)).Should().AllSatisfy(result => result.Backend.Should().Be("beta-1"));
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        Harness.Daemon.CountEvents("haproxy", "reload succeeded", linesBefore).Should().Be(1, "one reload gives every stack its own backend");
        logged.Should().Contain(" stack_beta/").And.EndWith(" stack=beta user=-", "a named backend's log line names the stack too");
    }

}

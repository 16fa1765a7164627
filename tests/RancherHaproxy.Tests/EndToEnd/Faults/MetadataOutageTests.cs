using System.Globalization;
using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>
/// Metadata goes away after routes were applied: the last good routes keep serving, the daemon
/// retries with back-off and logs one error per change of state (not per retry), and routes follow
/// metadata again once it is back.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class MetadataOutageTests(ITestOutputHelper output) : EndToEndTest(output)
{
    /// <summary>With POLL_INTERVAL=1 and back-off 0.5 s, 1 s, 1 s … this holds at least four retries.</summary>
    private static readonly TimeSpan OutageWindow = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(15);

    [Theory(Timeout = 90_000)]
    [InlineData(nameof(MetadataFault.NotFound))]
    [InlineData(nameof(MetadataFault.ServerError))]
    public async Task Outage_ErrorStatusAfterRoutesApplied_LastRoutesServeOneErrorThenRecover(string faultName)
    {
        var fault = Enum.Parse<MetadataFault>(faultName);
        var (alpha, beta) = await StartWithAlphaAsync(Harness.Metadata);
        var daemon = Harness.Daemon;
        var linesBefore = daemon.LineCount;

        Harness.Metadata.Fault = fault;
        Harness.Metadata.Publish([alpha, beta]);
        await daemon.WaitForLineAsync(FaultLog.IsSourceFailure, EndToEndHarness.ChangeTimeout, "a metadata error", linesBefore);
        var requestsAtFirstError = Harness.Metadata.Requests.Count;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        // Three retries within the window: the daemon has decided on the first two before it asks again.
        await Harness.Metadata.WaitForRequestsAsync(_ => true, requestsAtFirstError + 3, OutageWindow, "requests after the first error");
        var threeRetries = stopwatch.Elapsed;
        var retries = Harness.Metadata.Requests.Count - requestsAtFirstError;
        await AssertLastRoutesServeAsync();
        var errors = daemon.Lines.Skip(linesBefore).Where(FaultLog.IsSourceFailure).ToList();

        Harness.Metadata.Fault = MetadataFault.None;
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", RecoveryTimeout, "beta-1 after recovery");

        retries.Should().BeInRange(3, 20, "the daemon keeps retrying with bounded back-off, not in a tight loop");
        threeRetries.Should().BeGreaterThanOrEqualTo(OutageWindow / 20 * 3, "at most 20 retries in {0}: back-off, not a tight loop", OutageWindow);
        errors.Should().ContainSingle("one error per change of state, not one per retry ({0} retries)", retries);
        errors[0].Field("error").Should().Contain(Harness.Metadata.BaseHost, "the error names the URL");
        FaultLog.Count(daemon, FaultLog.IsSourceRecovery, linesBefore).Should().Be(1);
        daemon.HasExited.Should().BeFalse();
    }

    [Fact(Timeout = 120_000)]
    public async Task Outage_HangAfterRoutesApplied_LastRoutesServeAtMostOneErrorThenRecover()
    {
        var (alpha, beta) = await StartWithAlphaAsync(Harness.Metadata);
        var daemon = Harness.Daemon;
        var linesBefore = daemon.LineCount;

        var requestsBefore = Harness.Metadata.Requests.Count;
        Harness.Metadata.Fault = MetadataFault.Hang;
        Harness.Metadata.Publish([alpha, beta]);
        // A hung read times out (10 s), then is retried: two hung requests, and the daemon decided on the first.
        await Harness.Metadata.WaitForRequestsAsync(_ => true, requestsBefore + 2, TimeSpan.FromSeconds(20), "hung requests");
        await AssertLastRoutesServeAsync();
        var errorsWhileHanging = FaultLog.Count(daemon, FaultLog.IsSourceFailure, linesBefore);

        Harness.Metadata.Fault = MetadataFault.None;
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", RecoveryTimeout, "beta-1 after the hang ends");

        errorsWhileHanging.Should().BeLessThanOrEqualTo(1, "a hung request is one state, not one error per retry");
        daemon.HasExited.Should().BeFalse();
    }

    [Fact(Timeout = 90_000)]
    public async Task Outage_ConnectionRefusedAfterRoutesApplied_LastRoutesServeOneErrorThenRecover()
    {
        var port = FreePort.Next();
        var metadata = await FakeMetadataServer.StartAsync(port);
        var (alpha, beta) = await StartWithAlphaAsync(metadata);
        var daemon = Harness.Daemon;
        var linesBefore = daemon.LineCount;

        await metadata.DisposeAsync();
        await daemon.WaitForLineAsync(FaultLog.IsSourceFailure, EndToEndHarness.ChangeTimeout, "a metadata error", linesBefore);
        // Fixed sleep: a refused connection reaches no server, so no fake records the retries and the
        // daemon logs none of them (one error per change of state). The window lets retries happen;
        // the errors are counted up to the recovery event below.
        await Task.Delay(OutageWindow);
        await AssertLastRoutesServeAsync();

        await using var back = await FakeMetadataServer.StartAsync(port);
        back.Publish([alpha, beta]);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", RecoveryTimeout, "beta-1 once metadata is back");
        await daemon.WaitForLineAsync(FaultLog.IsSourceRecovery, EndToEndHarness.ChangeTimeout, "the recovery", linesBefore);
        var errors = daemon.Lines.Skip(linesBefore).Where(FaultLog.IsSourceFailure).ToList();

        errors.Should().ContainSingle("one error per change of state, not one per retry");
        errors[0].Field("error").Should().Contain(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"));
        FaultLog.Count(daemon, FaultLog.IsSourceRecovery, linesBefore).Should().Be(1);
        daemon.HasExited.Should().BeFalse();
    }

    /// <summary>Routes alpha from <paramref name="metadata"/> and returns alpha's and beta's containers.</summary>
    private async Task<(JsonObject Alpha, JsonObject Beta)> StartWithAlphaAsync(FakeMetadataServer metadata)
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).Build();
        var version = metadata.Publish([alpha]);
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["RANCHER_API_HOST"] = metadata.BaseHost });
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");

        // The daemon has handled alpha and waits on its long poll: a fault set now meets the reads of
        // the next change, not that long poll (a long poll that hangs lasts its 120 s).
        await metadata.WaitForLongPollAsync(version, EndToEndHarness.ChangeTimeout);
        return (alpha, beta);
    }

    private async Task AssertLastRoutesServeAsync()
    {
        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 5);
        results.Should().AllSatisfy(result => result.Backend.Should().Be("alpha-1", "the last good routes keep serving ({0})", result));
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("beta"))).Status.Should().Be(EndToEndHarness.UnknownHostStatus, "nothing was applied during the outage");
    }
}

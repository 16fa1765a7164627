using System.Globalization;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>HAProxy serves (503) while metadata is unavailable, routes once it answers, and polling never spins.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class MetadataSourceTests(ITestOutputHelper output) : EndToEndTest(output)
{
    /// <summary>POLL_INTERVAL is 1 s in these tests; allow for a back-off of a few periods.</summary>
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(15);

    [Fact(Timeout = 90_000)]
    public async Task Start_MetadataUnreachable_Answers503ThenRoutesOnceItAnswers()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var port = FreePort.Next();
        var daemon = Harness.StartDaemon(new Dictionary<string, string?>
        {
            ["RANCHER_API_HOST"] = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"),
        });
        await daemon.WaitForEventAsync("haproxy", "started", EndToEndHarness.StartTimeout);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Status == 503, EndToEndHarness.StartTimeout, "503 while metadata is unreachable");

        await using var late = await FakeMetadataServer.StartAsync(port);
        late.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var (_, elapsed) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-1", RecoveryTimeout, "alpha-1 once metadata answers");

        Harness.Record("route after metadata came up", elapsed);
        daemon.HasExited.Should().BeFalse();
    }

    [Fact(Timeout = 90_000)]
    public Task Start_MetadataAnswers404_Answers503ThenRoutesOnceLoaded() => StartDuringFaultAsync(MetadataFault.NotFound);

    [Fact(Timeout = 90_000)]
    public Task Start_MetadataAnswers500_Answers503ThenRoutesOnceRecovered() => StartDuringFaultAsync(MetadataFault.ServerError);

    [Fact(Timeout = 90_000)]
    public Task Start_MetadataHangs_Answers503ThenRoutesOnceItAnswers() => StartDuringFaultAsync(MetadataFault.Hang);

    [Fact(Timeout = 90_000)]
    public async Task Poll_ServerWithoutLongPoll_PollsAboutEveryPollIntervalAndSeesChanges()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        var alphaContainer = ContainerBuilder.RoutedTo("alpha", alpha).Build();
        Harness.Metadata.Fault = MetadataFault.NoLongPoll;
        Harness.Metadata.Publish([alphaContainer]);
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var before = VersionRequests();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        // Five polls: at 2 to 8 polls in 5 s they come within 12.5 s and take at least 2.5 s.
        await Harness.Metadata.WaitForRequestsAsync("/2015-12-19/version", before + 5, TimeSpan.FromSeconds(12.5));
        var fivePolls = stopwatch.Elapsed;
        var during = VersionRequests() - before;
        Harness.Metadata.Publish([alphaContainer, ContainerBuilder.RoutedTo("beta", beta).Build()]);
        var (_, elapsed) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta-1 by polling");

        Output.WriteLine($"/version requests without long-poll support: {during} in {fivePolls.TotalSeconds:0.0} s");
        Harness.Record("new stack answering by polling", elapsed);
        during.Should().BeInRange(2, 8, "POLL_INTERVAL=1: about one poll a second, never a tight loop");
        fivePolls.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2.5), "POLL_INTERVAL=1: about one poll a second, never a tight loop");
    }

    [Fact(Timeout = 90_000)]
    public async Task Poll_LongPollSupported_SendsJsonAcceptAndWaitsOnVersion()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var before = VersionRequests();
        // Fixed sleep: what is measured is that no request is sent while the server holds the long
        // poll; nothing marks a request not sent, so a window is the measure.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var requests = Harness.Metadata.Requests;

        (VersionRequests() - before).Should().BeLessThanOrEqualTo(4, "a long poll blocks on the server until something changes");
        requests.Should().Contain(request => request.Path == "/2015-12-19/version" && request.Query.Contains("wait=true", StringComparison.Ordinal));
        requests.Should().AllSatisfy(request => request.Accept.Should().Be("application/json"));
    }

    private int VersionRequests() => Harness.Metadata.RequestCount("/2015-12-19/version");

    private async Task StartDuringFaultAsync(MetadataFault fault)
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Fault = fault;
        var daemon = Harness.StartDaemon();
        await daemon.WaitForEventAsync("haproxy", "started", EndToEndHarness.StartTimeout);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Status == 503, EndToEndHarness.StartTimeout, $"503 while metadata answers {fault}");
        await daemon.WaitForLineAsync(Faults.FaultLog.IsSourceFailure, RecoveryTimeout, $"the error for {fault}");
        var requestsAtError = Harness.Metadata.Requests.Count;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        // The first retry after the logged error (a hung one comes after the 10 s request timeout).
        await Harness.Metadata.WaitForRequestsAsync(_ => true, requestsAtError + 1, RecoveryTimeout, "retries");
        var firstRetry = stopwatch.Elapsed;
        var requestsDuringFault = Harness.Metadata.Requests.Count;

        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        Harness.Metadata.Fault = MetadataFault.None;
        var (_, elapsed) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-1", RecoveryTimeout, $"alpha-1 once metadata recovers from {fault}");

        Harness.Record($"route after recovery from {fault}", elapsed);
        requestsDuringFault.Should().BeLessThan(40, "errors are retried every POLL_INTERVAL with back-off, not in a loop");
        firstRetry.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50), "at most 40 requests in 2 s: back-off, not a tight loop");
        daemon.HasExited.Should().BeFalse();
    }
}

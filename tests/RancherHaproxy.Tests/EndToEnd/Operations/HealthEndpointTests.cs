using System.Globalization;
using RancherHaproxy.Tests.EndToEnd.Faults;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>
/// /healthz and /readyz on HEALTH_PORT through a daemon's life: before the first routes, after them,
/// while metadata is down (ready stays: the last good routes serve), during a SHUTDOWN_DELAY, and
/// when HAProxy's master dies.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed partial class HealthEndpointTests(ITestOutputHelper output) : OperationsTest(output)
{
    private const string Ready = "ready\n";
    private const string Healthy = "ok\n";
    private const string WaitingForRoutes = "not ready: waiting for the first routes\n";

    /// <summary>Catches a /readyz that says ready as soon as HAProxy runs, before any route was applied.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Readyz_MetadataNotLoadedYet_NotReadyWhileHealthyThenReadyOnceRoutesApplied()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Fault = MetadataFault.NotFound;
        var daemon = Harness.StartDaemon();
        await WaitForHealthEndpointAsync();
        await daemon.WaitForEventAsync("haproxy", "started", EndToEndHarness.StartTimeout);
        await Harness.Metadata.WaitForRequestsAsync($"/{MetadataVersions.V2}/version", 2, EndToEndHarness.StartTimeout);

        var notReady = await Health.GetAsync("/readyz");
        var healthy = await Health.GetAsync("/healthz");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        Harness.Metadata.Fault = MetadataFault.None;
        await daemon.WaitForEventAsync("sync", "routes applied", EndToEndHarness.StartTimeout);
        var ready = await Health.EventuallyAsync("/readyz", answer => answer.Status == 200, EndToEndHarness.ChangeTimeout, "ready after the first routes");

        notReady.Status.Should().Be(503, "no metadata answer has been applied yet ({0})", notReady);
        notReady.Body.Should().Be(WaitingForRoutes);
        notReady.ContentType.Should().StartWith("text/plain");
        healthy.Status.Should().Be(200, "the loop runs and HAProxy runs: alive, only not ready ({0})", healthy);
        healthy.Body.Should().Be(Healthy);
        ready.Body.Should().Be(Ready);
        (await Health.GetAsync("/healthz")).Body.Should().Be(Healthy);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
    }

    /// <summary>Catches readiness set when the metadata read starts rather than when its routes are applied.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Readyz_FirstAnswerSlow_NotReadyUntilItIsApplied()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        Harness.Metadata.ContainersDelay = TimeSpan.FromSeconds(4);
        var daemon = Harness.StartDaemon();
        await WaitForHealthEndpointAsync();
        await Harness.Metadata.WaitForRequestsAsync($"/{MetadataVersions.V2}/containers", 1, EndToEndHarness.StartTimeout);

        var whileReading = await Health.GetAsync("/readyz");
        var healthyWhileReading = await Health.GetAsync("/healthz");
        await daemon.WaitForEventAsync("sync", "routes applied", EndToEndHarness.StartTimeout);
        var afterApply = await Health.EventuallyAsync("/readyz", answer => answer.Status == 200, EndToEndHarness.ChangeTimeout, "ready after the slow answer");

        whileReading.Status.Should().Be(503, "the first answer is still on its way ({0})", whileReading);
        whileReading.Body.Should().Be(WaitingForRoutes);
        healthyWhileReading.Status.Should().Be(200, "a read within its timeout is not a stalled loop ({0})", healthyWhileReading);
        afterApply.Body.Should().Be(Ready);
    }

    /// <summary>Catches wrong status lines, a HEAD with a body, and a server that answers anything to any method or path.</summary>
    [Fact(Timeout = 60_000)]
    public async Task HealthPort_AfterFirstApply_ReadyHealthyAndOnlyGetOrHeadOnKnownPaths()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        await Harness.StartDaemonAndWaitForRoutesAsync();
        var listening = await WaitForHealthEndpointAsync();

        var ready = await Health.EventuallyAsync("/readyz", answer => answer.Status == 200, EndToEndHarness.ChangeTimeout, "ready");
        var healthy = await Health.GetAsync("/healthz");
        var head = await Health.GetAsync("/readyz", method: "HEAD");
        var post = await Health.GetAsync("/readyz", method: "POST");
        var unknown = await Health.GetAsync("/nothing-here");

        listening.Field("port").Should().Be(Harness.HealthPort.ToString(CultureInfo.InvariantCulture));
        ready.Body.Should().Be(Ready);
        ready.ContentType.Should().StartWith("text/plain");
        ready.Header("Connection").Should().Be("close");
        healthy.Status.Should().Be(200);
        healthy.Body.Should().Be(Healthy);
        head.Status.Should().Be(200, "HEAD is GET without the body ({0})", head);
        head.Body.Should().BeEmpty();
        post.Status.Should().Be(405, "only GET and HEAD ({0})", post);
        unknown.Status.Should().Be(404, "an unknown path ({0})", unknown);
        (await Health.GetAsync("/readyz")).Status.Should().Be(200, "the server keeps answering after refusals");
    }

    /// <summary>
    /// Catches readiness tied to metadata reachability (an outage would pull every load balancer out at
    /// once), and a /status or /metrics that does not say the metadata is down, since when, and how often.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Readyz_MetadataDownAfterApply_StaysReadyWhileStatusAndMetricsSayUnreachable()
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        Harness.Metadata.Publish([alpha]);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync();
        var before = await Health.MetricsAsync();
        var linesBefore = daemon.LineCount;

        var outageStarted = DateTimeOffset.UtcNow.AddSeconds(-1);
        Harness.Metadata.Fault = MetadataFault.ServerError;
        Harness.Metadata.Publish([alpha]);
        await daemon.WaitForLineAsync(FaultLog.IsSourceFailure, EndToEndHarness.ChangeTimeout, "a metadata error", linesBefore);
        var firstScrape = await Health.MetricsAsync();
        await Harness.Metadata.WaitForRequestsAsync(_ => true, Harness.Metadata.Requests.Count + 3, TimeSpan.FromSeconds(8), "retries during the outage");
        var readyDuringOutage = await Health.GetAsync("/readyz");
        var healthyDuringOutage = await Health.GetAsync("/healthz");
        var status = await Health.StatusAsync();
        var laterScrape = await Health.MetricsAsync();
        var routed = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        Harness.Metadata.Fault = MetadataFault.None;
        var recovered = await Health.StatusEventuallyAsync(document => document["metadata"]?["reachable"]?.GetValue<bool>() == true, TimeSpan.FromSeconds(15), "metadata reachable again");
        var recoveredScrape = await Health.MetricsAsync();

        readyDuringOutage.Status.Should().Be(200, "the last good routes still serve ({0})", readyDuringOutage);
        readyDuringOutage.Body.Should().Be(Ready);
        healthyDuringOutage.Status.Should().Be(200, "a loop that retries with back-off is alive ({0})", healthyDuringOutage);
        routed.Backend.Should().Be("alpha-1");
        var metadata = status["metadata"]!.AsObject();
        metadata["reachable"]!.GetValue<bool>().Should().BeFalse();
        var since = StatusTime.Parse(metadata["unreachable_since"]);
        since.Should().BeOnOrAfter(outageStarted.AddSeconds(-1)).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(1));
        metadata["last_error"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        status["last_error"]!["message"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace("a metadata error is an error-level sync event");
        StatusTime.Parse(status["last_error"]!["at"]).Should().BeOnOrAfter(outageStarted.AddSeconds(-1));
        before.Value("rancher_haproxy_metadata_reachable").Should().Be(1);
        laterScrape.Value("rancher_haproxy_metadata_reachable").Should().Be(0);
        firstScrape.Value("rancher_haproxy_metadata_errors_total", ("kind", "http_status")).Should()
            .BeGreaterThan(before.Value("rancher_haproxy_metadata_errors_total", ("kind", "http_status"))!.Value, "a 500 is an http_status error");
        laterScrape.Value("rancher_haproxy_metadata_errors_total", ("kind", "http_status")).Should()
            .BeGreaterThan(firstScrape.Value("rancher_haproxy_metadata_errors_total", ("kind", "http_status"))!.Value, "every failed retry counts, not only the change of state");
        laterScrape.Value("rancher_haproxy_ready").Should().Be(1);
        recovered["metadata"]!["unreachable_since"].Should().BeNull("reachable again");
        recoveredScrape.Value("rancher_haproxy_metadata_reachable").Should().Be(1);
    }
}

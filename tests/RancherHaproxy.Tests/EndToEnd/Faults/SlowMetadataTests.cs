using System.Globalization;
using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>
/// A slow answer is said, with its URL and time, and bounded; a service that was down is followed
/// within about a second of its return, however long it was down.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class SlowMetadataTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string StillWaiting = "metadata is slow to answer; changes wait for it";

    [Fact(Timeout = 60_000)]
    public async Task ContainersAnswerSlow_WarnsWithUrlAndTime_ThenApplies()
    {
        // Arrange
        var (alpha, beta) = await StartWithAlphaAsync();
        var daemon = Harness.Daemon;
        var linesBefore = daemon.LineCount;

        // Act
        Harness.Metadata.ContainersDelay = TimeSpan.FromSeconds(4);
        Harness.Metadata.Publish([alpha, beta]);
        var warning = await daemon.WaitForEventAsync("metadata", StillWaiting, TimeSpan.FromSeconds(10), linesBefore);
        var answered = await daemon.WaitForEventAsync("metadata", "metadata answered slowly", TimeSpan.FromSeconds(10), linesBefore);

        // Assert
        warning.Level.Should().Be("warn");
        warning.Field("url").Should().Be($"http://{Harness.Metadata.BaseHost}/{MetadataVersions.V2}/containers");
        warning.Field("waited_s").Should().Be("3.0");
        warning.Field("gives_up_after_s").Should().Be("10.0");
        answered.Field("url").Should().EndWith("/containers");
        double.Parse(answered.Field("seconds")!, CultureInfo.InvariantCulture).Should().BeInRange(4.0, 9.0);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta after the slow answer");
    }

    [Fact(Timeout = 60_000)]
    public async Task ContainersAnswerPastTheBound_GivesUpWithAnErrorNamingTheUrl_ThenRecovers()
    {
        // Arrange
        var (alpha, beta) = await StartWithAlphaAsync();
        var daemon = Harness.Daemon;
        var linesBefore = daemon.LineCount;

        // Act
        Harness.Metadata.ContainersDelay = TimeSpan.FromSeconds(30);
        Harness.Metadata.Publish([alpha, beta]);
        var failure = await daemon.WaitForLineAsync(FaultLog.IsSourceFailure, TimeSpan.FromSeconds(20), "a metadata error", linesBefore);
        Harness.Metadata.ContainersDelay = TimeSpan.Zero;

        // Assert
        failure.Field("error").Should().Be($"GET http://{Harness.Metadata.BaseHost}/{MetadataVersions.V2}/containers did not answer within 10 s");
        // The retry after the error may have started before the delay was lifted (the fake holds a request
        // with the delay it had when the request came): that one read may take its full 10 s bound again.
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1",
            TimeSpan.FromSeconds(10) + EndToEndHarness.ChangeTimeout, "beta once answers are quick again");
    }

    [Fact(Timeout = 60_000)]
    public async Task ServiceNotLoadedAtStart_RoutesWithinASecondOfItsFirstAnswer()
    {
        // Arrange: POLL_INTERVAL=10 (the default) also caps the back-off; five failed version reads
        // take the old doubling back-off (0.5, 1, 2, 4 s) past 7 s, with the next wait 8 s.
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        Harness.Metadata.Fault = MetadataFault.NotFound;
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { ["POLL_INTERVAL"] = null });
        await daemon.WaitForEventAsync("haproxy", "started", EndToEndHarness.StartTimeout);
        await Harness.Metadata.WaitForRequestsAsync($"/{MetadataVersions.V2}/version", 5, TimeSpan.FromSeconds(30));

        // Act
        Harness.Metadata.Publish([alpha]);
        Harness.Metadata.Fault = MetadataFault.None;
        var (_, elapsed) = await Harness.Probe.MeasureUntilAsync(
            EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-1", EndToEndHarness.ChangeTimeout, "alpha once metadata answers");

        // Assert
        Harness.Record("routes after the service's first answer", elapsed);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the service is asked again each second, not after a grown back-off");
        FaultLog.Count(daemon, FaultLog.IsSourceFailure).Should().Be(1, "one outage, one error");
    }

    private async Task<(JsonObject Alpha, JsonObject Beta)> StartWithAlphaAsync()
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).Build();
        Harness.Metadata.Publish([alpha]);
        await Harness.StartDaemonAndWaitForRoutesAsync();
        return (alpha, beta);
    }
}

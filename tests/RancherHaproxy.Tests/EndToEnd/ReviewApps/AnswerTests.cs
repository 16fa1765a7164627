using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.ReviewApps;

/// <summary>
/// Every miss says what is going on (spec12 "Answers"): routes still loading, a host no stack
/// answers to, a request without Host, a hostile Host that is never echoed, and HAProxy's own 503
/// for a routed stack whose container fails — each as one text line and as HTML.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class AnswerTests(ITestOutputHelper output) : EndToEndTest(output)
{
    /// <summary>Metadata held back, then released: a retry after the aborted request, with back-off.</summary>
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(15);

    [Fact(Timeout = 60_000)]
    public async Task Request_BeforeFirstApply_Answers503LoadingWithRetryAfterThenRoutesOnceMetadataAnswers()
    {
        // Arrange: the metadata service takes every request and answers none.
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Fault = MetadataFault.Hang;
        var daemon = Harness.StartDaemon();
        await daemon.WaitForEventAsync("haproxy", "started", EndToEndHarness.StartTimeout);
        var client = Client();

        // Act
        var text = await Eventually.UntilAsync<HttpAnswer>(
            () => client.GetAsync(EndToEndHarness.HostFor("alpha")), answer => answer.Status != 0, EndToEndHarness.StartTimeout, "HAProxy to answer");
        var html = await client.GetAsync(EndToEndHarness.HostFor("alpha"), accept: AnswerTexts.BrowserAccept);
        var unknown = await client.GetAsync("nope.e2e.test");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        Harness.Metadata.Fault = MetadataFault.None;
        var routed = await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-1", ReleaseTimeout, "alpha-1 once metadata answers");

        // Assert
        text.ShouldBeText(503, AnswerTexts.Loading);
        text.Header("Retry-After").Should().Be("2");
        text.Header("Cache-Control").Should().Be("no-store");
        html.ShouldBeHtml(503, AnswerTexts.Loading);
        html.Header("Retry-After").Should().Be("2");
        unknown.ShouldBeText(503, AnswerTexts.Loading);
        routed.Status.Should().Be(200);
        daemon.Lines.Should().Contain(line => line.Is("sync", "routes applied"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(null, 404)]
    [InlineData("404", 404)]
    [InlineData("503", 503)]
    public async Task Request_UnknownHost_AnswersUnknownHostStatusNamingTheHost(string? setting, int expected)
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["UNKNOWN_HOST_STATUS"] = setting });
        var client = Client();

        // Act: lower-cased, port stripped in the answer.
        var text = await client.GetAsync("NoPe.E2E.test:8080");
        var html = await client.GetAsync("nope.e2e.test", accept: AnswerTexts.BrowserAccept);
        var nearMiss = await client.GetAsync("x.alpha.e2e.test");

        // Assert
        text.ShouldBeText(expected, AnswerTexts.UnknownHost("nope.e2e.test"));
        text.Header("Cache-Control").Should().Be("no-store");
        html.ShouldBeHtml(expected, AnswerTexts.UnknownHost("nope.e2e.test"));
        html.Header("Cache-Control").Should().Be("no-store");
        nearMiss.ShouldBeText(expected, AnswerTexts.UnknownHost("x.alpha.e2e.test"));
        alpha.RequestCount.Should().Be(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_WithoutHostHeader_GetsUnknownHostAnswer()
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        // Act: HTTP/1.0 needs no Host header.
        var text = await Client().GetAsync(host: null);
        var html = await Client().GetAsync(host: null, accept: AnswerTexts.BrowserAccept);

        // Assert
        text.ShouldBeText(404, AnswerTexts.UnknownUnnamedHost);
        html.ShouldBeHtml(404, AnswerTexts.UnknownUnnamedHost);
        alpha.RequestCount.Should().Be(0);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("x\"onmouseover=alert(1)\".e2e.test", true)]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E.e2e.test", true)]
    [InlineData("<script>alert(1)</script>", false)]
    [InlineData("a.e2e.test<svg/onload=alert(1)>", false)]
    public async Task Request_HostileHost_AnswersWithoutEchoingIt(string host, bool reachesDaemonOnEveryVersion)
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        // Act
        var text = await Client().GetAsync(host);
        var html = await Client().GetAsync(host, accept: AnswerTexts.BrowserAccept);

        // Assert: HAProxy 3.2 and later refuse '<' and '>' in Host themselves (400, nothing echoed);
        // whatever reaches the daemon gets the unknown-host answer without the host.
        if (reachesDaemonOnEveryVersion || text.Status != 400)
        {
            text.ShouldBeText(404, AnswerTexts.UnknownUnnamedHost);
            html.ShouldBeHtml(404, AnswerTexts.UnknownUnnamedHost);
        }

        text.Body.Should().NotContain("alert(1)", "no part of the Host {0} is echoed", host);
        html.Body.Should().NotContain("alert(1)", "no part of the Host {0} is echoed", host)
            .And.NotContain("%3C").And.NotContain("<svg").And.NotContain("<script");
        alpha.RequestCount.Should().Be(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_RoutedStackWhoseContainerStoppedListening_HaproxyAnswers503NamingTheStack()
    {
        // Arrange
        var other = await Harness.StartBackendAsync("other-1");
        var closing = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", closing), ContainerBuilder.RoutedTo("other", other));
        await Harness.StartDaemonAndWaitForRoutesAsync();
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-1", EndToEndHarness.ChangeTimeout, "alpha-1 to answer");

        // Act
        await closing.DisposeAsync();
        var text = await Eventually.UntilAsync<HttpAnswer>(
            () => Client().GetAsync(EndToEndHarness.HostFor("alpha")), answer => answer.Status == 503, EndToEndHarness.ChangeTimeout, "HAProxy's 503 for alpha");
        var html = await Client().GetAsync(EndToEndHarness.HostFor("alpha"), accept: AnswerTexts.BrowserAccept);

        // Assert
        text.ShouldBeText(503, AnswerTexts.NoContainerAbleToAnswer("alpha"));
        html.ShouldBeText(503, AnswerTexts.NoContainerAbleToAnswer("alpha")); // HAProxy's own answers are one text line for every client.
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("other"))).Backend.Should().Be("other-1");
    }

    private RawHttpClient Client() => new(Harness.Probe.Port);
}

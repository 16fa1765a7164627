using System.Text.Json.Nodes;
using RancherHaproxy.Tests.EndToEnd.RuntimeApi;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.ReviewApps;

/// <summary>
/// A stack that is known (a container carries the label) but has nothing routable answers 503 with
/// its labelled containers counted by reason; moving between the rows of the answer table (unknown,
/// not ready, routed, failing, gone) takes no reload: the same HAProxy worker serves throughout.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class NotReadyAnswerTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Fact(Timeout = 60_000)]
    public async Task Request_KnownStackWithoutRoutableContainer_Answers503CountingContainersByReason()
    {
        // Arrange: one stack per reason, and one with every reason in one.
        var never = await Harness.StartBackendAsync("never");
        var good = await Harness.StartBackendAsync("good");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("good", good),
            ContainerBuilder.RoutedTo("starting", never).WithState("starting"),
            ContainerBuilder.RoutedTo("stopped", never).WithState("stopped"),
            ContainerBuilder.RoutedTo("sick", never).WithState("running", "unhealthy"),
            ContainerBuilder.RoutedTo("noip", never).WithIp(null),
            ContainerBuilder.RoutedTo("badport", never).WithLabel(ContainerBuilder.DefaultLabel, "http"),
            ContainerBuilder.RoutedTo("mixed", never).WithState("restarting"),
            ContainerBuilder.RoutedTo("mixed", never).WithState("running", "initializing"),
            ContainerBuilder.RoutedTo("mixed", never).WithState("running", "reinitializing"),
            ContainerBuilder.RoutedTo("mixed", never).WithState("stopped"),
            ContainerBuilder.RoutedTo("mixed", never).WithState("running", "unhealthy"),
            ContainerBuilder.RoutedTo("mixed", never).WithIp(null),
            ContainerBuilder.RoutedTo("mixed", never).WithLabel(ContainerBuilder.DefaultLabel, "0"),
            ContainerBuilder.RoutedTo("mixed", never).WithoutLabel(ContainerBuilder.DefaultLabel));
        await Harness.StartDaemonAndWaitForRoutesAsync();
        var expected = new Dictionary<string, string>
        {
            ["starting"] = AnswerTexts.NotReady("starting", 1, "1 starting"),
            ["stopped"] = AnswerTexts.NotReady("stopped", 1, "1 stopped"),
            ["sick"] = AnswerTexts.NotReady("sick", 1, "1 unhealthy"),
            ["noip"] = AnswerTexts.NotReady("noip", 1, "1 no IP"),
            ["badport"] = AnswerTexts.NotReady("badport", 1, "1 bad label"),
            ["mixed"] = AnswerTexts.NotReady("mixed", 7, "3 starting, 1 stopped, 1 unhealthy, 1 no IP, 1 bad label"),
        };

        foreach (var (stack, sentence) in expected)
        {
            // Act
            var answer = await Client().GetAsync(EndToEndHarness.HostFor(stack));

            // Assert
            answer.ShouldBeText(503, sentence);
            answer.Header("Retry-After").Should().Be("5", "stack {0}", stack);
            answer.Header("Cache-Control").Should().Be("no-store", "stack {0}", stack);
        }

        var html = await Client().GetAsync(EndToEndHarness.HostFor("mixed"), accept: AnswerTexts.BrowserAccept);
        html.ShouldBeHtml(503, expected["mixed"]);
        html.Header("Retry-After").Should().Be("5");
        never.RequestCount.Should().Be(0);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("good"))).Backend.Should().Be("good");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_StackMovesThroughEveryAnswer_SameWorkerServesWithoutReload()
    {
        // Arrange: "other" is present from the start; "beta" comes, starts, runs, fails, stops, goes.
        var other = ContainerBuilder.RoutedTo("other", await Harness.StartBackendAsync("other-1")).Build();
        var betaListener = await Harness.StartBackendAsync("beta-1");
        var beta = ContainerBuilder.RoutedTo("beta", betaListener);
        var host = EndToEndHarness.HostFor("beta");
        Harness.Metadata.Publish([other]);
        await Harness.StartDaemonAndWaitForRoutesAsync();
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("other"), result => result.Backend == "other-1", EndToEndHarness.ChangeTimeout, "other-1 to answer");
        var workerPid = await MasterSocket.WorkerPidAsync(Harness.RunDirectory);
        var linesBefore = Harness.Daemon.LineCount;

        // Act and assert, row by row.
        (await Client().GetAsync(host)).ShouldBeText(404, AnswerTexts.UnknownHost(host));

        Publish(other, beta.WithState("starting"));
        (await UntilAsync(host, answer => answer.Status == 503, "beta not ready")).ShouldBeText(503, AnswerTexts.NotReady("beta", 1, "1 starting"));

        Publish(other, beta.WithState("running"));
        await Harness.Probe.EventuallyAsync(host, result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta-1 to answer");

        await betaListener.DisposeAsync();
        (await UntilAsync(host, answer => answer.Status == 503, "HAProxy's 503 for beta")).ShouldBeText(503, AnswerTexts.NoContainerAbleToAnswer("beta"));

        Publish(other, beta.WithState("stopped"));
        (await UntilAsync(host, answer => answer.Body.StartsWith("Stack beta is not ready", StringComparison.Ordinal), "beta stopped"))
            .ShouldBeText(503, AnswerTexts.NotReady("beta", 1, "1 stopped"));

        Publish(other);
        (await UntilAsync(host, answer => answer.Status == 404, "beta gone")).ShouldBeText(404, AnswerTexts.UnknownHost(host));

        (await MasterSocket.WorkerPidAsync(Harness.RunDirectory)).Should().Be(workerPid, "every change went through the Runtime API");
        Harness.Daemon.CountEvents("haproxy", "reload succeeded", linesBefore).Should().Be(0);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("other"))).Backend.Should().Be("other-1");
    }

    private void Publish(JsonObject other, ContainerBuilder? beta = null) =>
        Harness.Metadata.Publish(beta is null ? [other] : [other, beta.Build()]);

    private Task<HttpAnswer> UntilAsync(string host, Func<HttpAnswer, bool> done, string what) =>
        Eventually.UntilAsync<HttpAnswer>(() => Client().GetAsync(host), done, EndToEndHarness.ChangeTimeout, what, pollInterval: TimeSpan.FromMilliseconds(50));

    private RawHttpClient Client() => new(Harness.Probe.Port);
}

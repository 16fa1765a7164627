using System.Text.Json;
using System.Text.RegularExpressions;
using RancherHaproxy.Tests.EndToEnd.RuntimeApi;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.ReviewApps;

/// <summary>
/// INDEX_HOST: an HTML page and <c>/stacks.json</c> listing every known stack, its hosts, counts and
/// INDEX_LABELS values (escaped; a URL becomes a link), only for INDEX_ALLOW sources.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed partial class IndexTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string Labels = "git.branch,ci.pipeline_url";
    private const string PipelineUrl = "https://ci.example.test/pipelines/42";
    private const string HostileValue = "<script>alert(1)</script>";

    [Fact(Timeout = 60_000)]
    public async Task Index_Html_ListsStacksWithLinksCountsReasonsAndEscapedLabels()
    {
        // Arrange
        await PublishThreeStacksAsync();
        await Harness.StartDaemonAndWaitForRoutesAsync(IndexPage.Settings(("INDEX_LABELS", Labels)));

        // Act
        var page = await Client().GetAsync(IndexPage.Host, "/", AnswerTexts.BrowserAccept);

        // Assert
        page.Status.Should().Be(200, page.ToString());
        page.ContentType.Should().Be(AnswerTexts.HtmlContentType);
        page.Header("Cache-Control").Should().Be("no-store");
        var html = page.Body;
        html.Should().Contain($"href=\"{Url("alpha")}\"").And.Contain($"href=\"{Url("beta")}\"").And.Contain($"href=\"{Url("gamma")}\"");
        html.Should().Contain("2 of 2 ready", "alpha: containers ready/total").And.Contain("1 of 2 ready", "beta").And.Contain("0 of 1 ready", "gamma");
        html.Should().Contain("1 starting", "a stack that is not ready says why, as the answers do");
        html.Should().MatchRegex(@"\bmain\b", "a label value is shown as text");
        html.Should().Contain($"href=\"{PipelineUrl}\"", "an https URL label becomes a link");
        html.Should().NotContain(HostileValue).And.NotContain("<script", "a label value never becomes markup");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;");
        html.Should().NotContain("href=\"javascript:", "only http(s) URLs become links");
        html.Should().NotContain("hunter2", "labels not named in INDEX_LABELS are not shown");
        StackOrder(html).Should().Equal(["alpha", "beta", "gamma"], "stacks seen at once are sorted by name");
    }

    [Fact(Timeout = 60_000)]
    public async Task Index_StacksJson_FollowsTheSchema()
    {
        // Arrange
        await PublishThreeStacksAsync();
        await Harness.StartDaemonAndWaitForRoutesAsync(IndexPage.Settings(("INDEX_LABELS", Labels)));

        // Act
        var answer = await Client().GetAsync(IndexPage.Host, "/stacks.json");

        // Assert
        answer.Status.Should().Be(200, answer.ToString());
        answer.ContentType.Should().Be(IndexPage.JsonContentType);
        answer.Header("Cache-Control").Should().Be("no-store");
        using var document = JsonDocument.Parse(answer.Body);
        var root = document.RootElement;
        root.GetProperty("schema").GetInt32().Should().Be(1);
        IndexPage.IsUtcSecond(root.GetProperty("generated_at").GetString()).Should().BeTrue(root.GetProperty("generated_at").GetString());
        root.GetProperty("loaded").GetBoolean().Should().BeTrue();
        IndexPage.Names(document).Should().Equal(["alpha", "beta", "gamma"], "same first_seen: by name");
        var stacks = IndexPage.Stacks(document);

        var alpha = stacks["alpha"];
        alpha.GetProperty("ready").GetBoolean().Should().BeTrue();
        IndexPage.IsUtcSecond(alpha.GetProperty("first_seen").GetString()).Should().BeTrue();
        AssertSingleHost(alpha, "alpha", ready: true);
        IndexPage.Counts(alpha).Should().Equal([2, 2, 0, 0, 0, 0, 0]);
        IndexPage.Labels(alpha).Should().BeEquivalentTo(new Dictionary<string, string> { ["git.branch"] = "main", ["ci.pipeline_url"] = PipelineUrl });

        var beta = stacks["beta"];
        beta.GetProperty("ready").GetBoolean().Should().BeTrue("its one host has a routable container");
        AssertSingleHost(beta, "beta", ready: true);
        IndexPage.Counts(beta).Should().Equal([2, 1, 0, 1, 0, 0, 0]);
        IndexPage.Labels(beta).Should().BeEquivalentTo(new Dictionary<string, string> { ["git.branch"] = HostileValue }, "JSON carries the raw value");

        var gamma = stacks["gamma"];
        gamma.GetProperty("ready").GetBoolean().Should().BeFalse();
        AssertSingleHost(gamma, "gamma", ready: false);
        IndexPage.Counts(gamma).Should().Equal([1, 0, 1, 0, 0, 0, 0]);
        IndexPage.Labels(gamma).Should().BeEquivalentTo(new Dictionary<string, string> { ["ci.pipeline_url"] = "javascript:alert(1)" });
    }

    [Theory(Timeout = 60_000)]
    [InlineData("10.0.0.0/8", 403)]
    [InlineData(null, 200)]
    [InlineData("10.0.0.0/8,127.0.0.1", 200)]
    public async Task Index_Allowlist_SourcesOutsideGet403(string? allow, int expected)
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(IndexPage.Settings(("INDEX_ALLOW", allow)));

        // Act
        var page = await Client().GetAsync(IndexPage.Host, "/", AnswerTexts.BrowserAccept);
        var json = await Client().GetAsync(IndexPage.Host, "/stacks.json");
        var stack = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        // Assert
        page.Status.Should().Be(expected, page.ToString());
        json.Status.Should().Be(expected, json.ToString());
        if (expected == 403)
        {
            json.Body.Should().Contain("Forbidden").And.NotContain("alpha");
            page.Body.Should().NotContain("alpha");
        }

        stack.Backend.Should().Be("alpha-1", "INDEX_ALLOW guards the index only");
    }

    [Fact(Timeout = 60_000)]
    public async Task Index_OtherPathsAndMethods_404And405HeadAnswers()
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync(IndexPage.Settings());

        // Act
        var missing = await Client().GetAsync(IndexPage.Host, "/nope");
        var post = await Client().GetAsync(IndexPage.Host, "/", method: "POST");
        var head = await Client().GetAsync(IndexPage.Host, "/", AnswerTexts.BrowserAccept, method: "HEAD");

        // Assert
        missing.Status.Should().Be(404, missing.ToString());
        missing.Body.Should().Contain("Not found");
        post.Status.Should().Be(405, post.ToString());
        head.Status.Should().Be(200, head.ToString());
        head.ContentType.Should().Be(AnswerTexts.HtmlContentType);
        alpha.RequestCount.Should().Be(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_NewStack_InStacksJsonWithinOneSecondOfItsRouteWithoutReload()
    {
        // Arrange
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var zeta = ContainerBuilder.RoutedTo("zeta", await Harness.StartBackendAsync("zeta-1")).Build();
        Harness.Metadata.Publish([alpha]);
        await Harness.StartDaemonAndWaitForRoutesAsync(IndexPage.Settings());
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-1", EndToEndHarness.ChangeTimeout, "alpha-1 to answer");
        var workerPid = await MasterSocket.WorkerPidAsync(Harness.RunDirectory);
        var linesBefore = Harness.Daemon.LineCount;

        // Act
        Harness.Metadata.Publish([alpha, zeta]);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("zeta"), result => result.Backend == "zeta-1", EndToEndHarness.ChangeTimeout, "zeta-1 to answer");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var listed = await UntilStacksJsonAsync(body => IndexPage.Lists(body, "zeta", ready: true), "zeta listed as ready");
        Harness.Record("new stack on the index after its route", stopwatch.Elapsed);
        Harness.Metadata.Publish([alpha]);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("zeta"), result => result.Status == 404, EndToEndHarness.ChangeTimeout, "zeta gone");
        stopwatch.Restart();
        await UntilStacksJsonAsync(body => IndexPage.Lists(body, "alpha", ready: true) && !body.Contains("\"zeta\"", StringComparison.Ordinal), "zeta gone from the index");
        Harness.Record("removed stack gone from the index after its route", stopwatch.Elapsed);

        // Assert
        using var document = JsonDocument.Parse(listed.Body);
        var stacks = IndexPage.Stacks(document);
        IndexPage.ParseUtcSecond(stacks["zeta"].GetProperty("first_seen").GetString()!)
            .Should().BeOnOrAfter(IndexPage.ParseUtcSecond(stacks["alpha"].GetProperty("first_seen").GetString()!));
        IndexPage.Names(document).Should().Equal(
            IndexPage.Names(document).OrderByDescending(name => stacks[name].GetProperty("first_seen").GetString(), StringComparer.Ordinal).ThenBy(name => name, StringComparer.Ordinal),
            "newest first, then by name");
        (await MasterSocket.WorkerPidAsync(Harness.RunDirectory)).Should().Be(workerPid, "the index follows without a reload");
        Harness.Daemon.CountEvents("haproxy", "reload succeeded", linesBefore).Should().Be(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Index_TlsWithRedirection_LinksUseHttpsAndTheHttpsPort()
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var settings = Parity.TlsMetadataTests.Tls(("ENABLE_SSL_REDIRECTION", "true"));
        settings["INDEX_HOST"] = IndexPage.ShortName;
        await Harness.StartDaemonAndWaitForRoutesAsync(settings);
        var httpsPort = int.Parse(Harness.Daemon.Environment["HTTPS_PORT"], System.Globalization.CultureInfo.InvariantCulture);

        // Act
        var page = await Parity.TlsProbe.EventuallyAsync(IndexPage.Host, httpsPort, result => result.Status != 0, EndToEndHarness.ChangeTimeout, "the index over TLS");

        // Assert
        page.Status.Should().Be(200, page.ToString());
        page.Body.Should().Contain($"href=\"https://alpha.e2e.test:{httpsPort}/\"");
    }

    private async Task PublishThreeStacksAsync()
    {
        // alpha: 2 of 2 ready, both labels; beta: 1 of 2 (one stopped), a hostile branch; gamma: starting, a javascript: URL.
        var never = await Harness.StartBackendAsync("never");
        var alpha1 = await Harness.StartBackendAsync("alpha-1");
        var alpha2 = await Harness.StartBackendAsync("alpha-2");
        var beta = await Harness.StartBackendAsync("beta-1");
        ContainerBuilder Alpha(BackendListener backend) => ContainerBuilder.RoutedTo("alpha", backend)
            .WithLabel("git.branch", "main").WithLabel("ci.pipeline_url", PipelineUrl).WithLabel("secret.token", "hunter2");
        Harness.Metadata.Publish(
            Alpha(alpha1),
            Alpha(alpha2),
            ContainerBuilder.RoutedTo("beta", beta).WithLabel("git.branch", HostileValue),
            ContainerBuilder.RoutedTo("beta", never).WithState("stopped").WithLabel("git.branch", HostileValue),
            ContainerBuilder.RoutedTo("gamma", never).WithState("starting").WithLabel("ci.pipeline_url", "javascript:alert(1)"));
    }

    private void AssertSingleHost(JsonElement stack, string name, bool ready)
    {
        var hosts = stack.GetProperty("hosts").EnumerateArray().ToList();
        hosts.Should().ContainSingle();
        hosts[0].GetProperty("host").GetString().Should().Be(EndToEndHarness.HostFor(name));
        hosts[0].GetProperty("url").GetString().Should().Be(Url(name));
        hosts[0].GetProperty("ready").GetBoolean().Should().Be(ready);
    }

    private Task<HttpAnswer> UntilStacksJsonAsync(Func<string, bool> done, string what) =>
        Eventually.UntilAsync<HttpAnswer>(
            () => Client().GetAsync(IndexPage.Host, "/stacks.json"), answer => answer.Status == 200 && done(answer.Body), TimeSpan.FromSeconds(1), what, pollInterval: TimeSpan.FromMilliseconds(50));

    /// <summary>The stacks in the order the page first links to them.</summary>
    private static List<string> StackOrder(string html) =>
        [.. StackLinkPattern().Matches(html).Select(match => match.Groups[1].Value).Distinct()];

    private string Url(string stack) => IndexPage.HttpUrl(EndToEndHarness.HostFor(stack), Harness.Probe.Port);

    private RawHttpClient Client() => new(Harness.Probe.Port);

    [GeneratedRegex(@"href=""https?://([a-z0-9-]+)\.e2e\.test[:/]")]
    private static partial Regex StackLinkPattern();
}

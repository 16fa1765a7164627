using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.ReviewApps;

/// <summary>
/// A host claimed by two stacks: an alias beats a stack's own name, which beats a <c>.hosts</c>
/// name; between equals the stack that held it first keeps it while it lives (after a restart: the
/// smallest stack name); the loser is warned, naming the host and the winner. Stack names are chosen
/// so that the rule under test and "smallest name" would disagree.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class HostConflictTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string HostsLabel = ServiceHostsTests.HostsLabel;

    [Fact(Timeout = 60_000)]
    public async Task Request_AliasAndStackNameClaimOneHost_AliasWins()
    {
        // Arrange: stack "www" owns www.e2e.test by name; the load balancer gives "zulu" the alias www.
        var zulu = await Harness.StartBackendAsync("zulu-1");
        var www = await Harness.StartBackendAsync("www-1");
        Harness.Metadata.Publish(
            [ContainerBuilder.RoutedTo("zulu", zulu).Build(), ContainerBuilder.RoutedTo("www", www).Build()],
            MetadataObjects.Service("lb", "haproxy", new JsonObject { ["aliases"] = new JsonObject { ["zulu"] = new JsonArray("www") } }));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        // Act
        var results = await Harness.Probe.GetManyAsync("www.e2e.test", 4);

        // Assert
        results.Should().AllSatisfy(result => result.Backend.Should().Be("zulu-1"));
        www.RequestCount.Should().Be(0);
        AssertLoserWarned("www.e2e.test", "zulu");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_StackNameAndHostsLabelClaimOneHost_StackNameWins()
    {
        // Arrange: "aaa" lists beta in its label; "beta" owns beta.e2e.test by name.
        var aaa = await Harness.StartBackendAsync("aaa-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("aaa", aaa).WithLabel(HostsLabel, "beta,aaa-site"),
            ContainerBuilder.RoutedTo("beta", beta));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        // Act
        var contested = await Harness.Probe.GetManyAsync("beta.e2e.test", 4);
        var own = await Harness.Probe.GetAsync("aaa-site.e2e.test");

        // Assert
        contested.Should().AllSatisfy(result => result.Backend.Should().Be("beta-1"));
        own.Backend.Should().Be("aaa-1", "the loser keeps its other names");
        AssertLoserWarned("beta.e2e.test", "beta");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_SecondStackLabelsAHeldHost_FirstKeepsItWhileItLivesThenSecondTakesIt()
    {
        // Arrange: "alpha" holds shared.e2e.test; "aaa" (a smaller name) claims it later.
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).WithLabel(HostsLabel, "shared").Build();
        var aaaBackend = await Harness.StartBackendAsync("aaa-1");
        var aaa = ContainerBuilder.RoutedTo("aaa", aaaBackend).WithLabel(HostsLabel, "shared,aaa-site").Build();
        Harness.Metadata.Publish([alpha]);
        await Harness.StartDaemonAndWaitForRoutesAsync();
        (await Harness.Probe.GetAsync("shared.e2e.test")).Backend.Should().Be("alpha-1");
        var linesBefore = Harness.Daemon.LineCount;

        // Act
        Harness.Metadata.Publish([alpha, aaa]);
        await Harness.Probe.EventuallyAsync("aaa-site.e2e.test", result => result.Backend == "aaa-1", EndToEndHarness.ChangeTimeout, "aaa to be routed");
        var whileAlphaLives = await Harness.Probe.GetManyAsync("shared.e2e.test", 4);
        var countWhileAlphaLives = aaaBackend.RequestCount;
        Harness.Metadata.Publish([aaa]);
        var afterAlpha = await Harness.Probe.EventuallyAsync("shared.e2e.test", result => result.Backend == "aaa-1", EndToEndHarness.ChangeTimeout, "aaa to take shared");

        // Assert
        whileAlphaLives.Should().AllSatisfy(result => result.Backend.Should().Be("alpha-1", "a review app never takes a live host away"));
        countWhileAlphaLives.Should().Be(1, "only the request for aaa-site reached aaa");
        afterAlpha.Status.Should().Be(200);
        AssertLoserWarned("shared.e2e.test", "alpha", linesBefore);
    }

    [Fact(Timeout = 90_000)]
    public async Task Restart_TwoStacksLabelOneHost_SmallestStackNameWins()
    {
        // Arrange: "alpha" held shared.e2e.test first, so it keeps it while this daemon runs.
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).WithLabel(HostsLabel, "shared").Build();
        var aaa = ContainerBuilder.RoutedTo("aaa", await Harness.StartBackendAsync("aaa-1")).WithLabel(HostsLabel, "shared,aaa-site").Build();
        Harness.Metadata.Publish([alpha]);
        var first = await Harness.StartDaemonAndWaitForRoutesAsync();
        Harness.Metadata.Publish([alpha, aaa]);
        await Harness.Probe.EventuallyAsync("aaa-site.e2e.test", result => result.Backend == "aaa-1", EndToEndHarness.ChangeTimeout, "aaa to be routed");
        (await Harness.Probe.GetAsync("shared.e2e.test")).Backend.Should().Be("alpha-1");

        // Act: a new daemon (a new container: its own run directory) sees both at once.
        first.Signal(UnixSignal.Terminate);
        (await first.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().Be(0);
        await first.DisposeAsync();
        var runDirectory = Harness.Directory.Combine("run-after-restart");
        Directory.CreateDirectory(runDirectory);
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["HAPROXY_RUN_DIR"] = runDirectory });
        var results = await Harness.Probe.GetManyAsync("shared.e2e.test", 4);

        // Assert
        results.Should().AllSatisfy(result => result.Backend.Should().Be("aaa-1"));
        AssertLoserWarned("shared.e2e.test", "aaa");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_StackClaimsIndexHost_SkippedWithWarningIndexServed()
    {
        // Arrange: a stack named after INDEX_HOST, and one listing it in its label.
        var index = await Harness.StartBackendAsync("index-1");
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo(IndexPage.ShortName, index),
            ContainerBuilder.RoutedTo("alpha", alpha).WithLabel(HostsLabel, "index,{stack}"));
        await Harness.StartDaemonAndWaitForRoutesAsync(IndexPage.Settings());

        // Act
        var answer = await new RawHttpClient(Harness.Probe.Port).GetAsync(IndexPage.Host, "/stacks.json");

        // Assert
        answer.Status.Should().Be(200, answer.ToString());
        answer.ContentType.Should().Be(IndexPage.JsonContentType);
        (index.RequestCount + alpha.RequestCount).Should().Be(0);
        Harness.Daemon.Lines.Where(line => line.Level == "warn" && line.Raw.Contains($"host {IndexPage.Host} is the INDEX_HOST; skipped", StringComparison.Ordinal))
            .Should().NotBeEmpty("a stack claiming INDEX_HOST is warned");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
    }

    private void AssertLoserWarned(string host, string winner, int fromIndex = 0) =>
        Harness.Daemon.Lines.Skip(fromIndex).Should().Contain(
            line => line.Level == "warn" && line.Raw.Contains($"host {host} already routes to stack {winner}; skipped", StringComparison.Ordinal),
            "the loser is warned, naming the host and the winner");
}

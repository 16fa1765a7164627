using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Which request reaches which container: the published daemon, real HAProxy, backends on 127.0.0.x.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class RoutingTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Fact(Timeout = 60_000)]
    public async Task Request_TwoStacks_EachHostReachesItsOwnBackend()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha), ContainerBuilder.RoutedTo("beta", beta));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var toAlpha = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 4);
        var toBeta = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("beta"), 4);

        toAlpha.Should().AllSatisfy(result => result.Body.Should().Be("backend=alpha-1 host=alpha.e2e.test xff=127.0.0.1\n"));
        toBeta.Should().AllSatisfy(result => result.Body.Should().Be("backend=beta-1 host=beta.e2e.test xff=127.0.0.1\n"));
        alpha.RequestCount.Should().Be(4);
        beta.RequestCount.Should().Be(4);
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_StackWithTwoContainers_RoundRobinsOverBoth()
    {
        var first = await Harness.StartBackendAsync("alpha-1");
        var second = await Harness.StartBackendAsync("alpha-2");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", first), ContainerBuilder.RoutedTo("alpha", second));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 10);

        results.Should().AllSatisfy(result => result.Status.Should().Be(200));
        results.GroupBy(result => result.Backend).Should().HaveCount(2)
            .And.AllSatisfy(group => group.Should().HaveCount(5, "round-robin alternates between the stack's two servers"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("ALPHA.E2E.TEST")]
    [InlineData("alpha.e2e.test:8080")]
    [InlineData("Alpha.E2e.Test:80")]
    public async Task Request_HostInOtherCaseOrWithPort_IsRouted(string host)
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var result = await Harness.Probe.GetAsync(host);

        result.Status.Should().Be(200);
        result.Backend.Should().Be("alpha-1");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_StackNameWithUpperCase_IsRoutedByLowerCaseHost()
    {
        // API version 2015-12-19 keeps the stack name's original case; the host is lower-case.
        var shop = await Harness.StartBackendAsync("shop-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("MyShop", shop));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var result = await Harness.Probe.GetAsync("myshop.e2e.test");

        result.Backend.Should().Be("shop-1");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("unknown.e2e.test")]
    [InlineData("x.alpha.e2e.test")]
    [InlineData("alpha.e2e.test.evil.example")]
    [InlineData("alpha")]
    [InlineData("e2e.test")]
    public async Task Request_HostNotExactlyInMap_AnswersUnknownHost(string host)
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var result = await Harness.Probe.GetAsync(host);
        var routed = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        result.Status.Should().Be(EndToEndHarness.UnknownHostStatus, "only the exact host alpha.e2e.test is routed");
        alpha.RequestCount.Should().Be(1, "only the request for the exact host reached the backend");
        routed.Backend.Should().Be("alpha-1");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_SiblingsThatMustNotBeRouted_OnlyGoodContainersAnswer()
    {
        var running = await Harness.StartBackendAsync("running");
        var updating = await Harness.StartBackendAsync("updating-running");
        var unlabelled = await Harness.StartBackendAsync("no-label");
        var stopped = await Harness.StartBackendAsync("stopped");
        var starting = await Harness.StartBackendAsync("starting");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("alpha", running),
            ContainerBuilder.RoutedTo("alpha", updating).WithState("updating-running"),
            ContainerBuilder.RoutedTo("alpha", unlabelled).WithoutLabel(ContainerBuilder.DefaultLabel),
            ContainerBuilder.RoutedTo("alpha", stopped).WithState("stopped"),
            ContainerBuilder.RoutedTo("alpha", starting).WithState("starting", "initializing"),
            ContainerBuilder.RoutedTo("alpha", running).WithIp(null).WithState("starting"),
            ContainerBuilder.RoutedTo("alpha", running).WithIp(null));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 12);

        results.Select(result => result.Backend).Distinct().Should().BeEquivalentTo(["running", "updating-running"]);
        (unlabelled.RequestCount + stopped.RequestCount + starting.RequestCount).Should().Be(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_StackWithOnlyUnroutableContainers_Answers503()
    {
        var good = await Harness.StartBackendAsync("good");
        var stopped = await Harness.StartBackendAsync("stopped");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("alpha", good),
            ContainerBuilder.RoutedTo("beta", stopped).WithState("stopped"),
            ContainerBuilder.RoutedTo("gamma", good).WithIp(null));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var beta = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("beta"));
        var gamma = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("gamma"));

        beta.Status.Should().Be(503);
        gamma.Status.Should().Be(503);
        stopped.RequestCount.Should().Be(0);
        good.RequestCount.Should().Be(0);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("http")]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("")]
    public async Task Request_InvalidPortLabel_ContainerSkippedWithWarningNamingIt(string labelValue)
    {
        var good = await Harness.StartBackendAsync("good");
        var bad = await Harness.StartBackendAsync("bad");
        var badContainer = ContainerBuilder.RoutedTo("alpha", bad).WithLabel(ContainerBuilder.DefaultLabel, labelValue);
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", good), badContainer);
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 6);

        results.Should().AllSatisfy(result => result.Backend.Should().Be("good"));
        Harness.Daemon.Lines.Should().Contain(
            line => line.Component == "routing" && line.Level == "warn" && line.Raw.Contains(badContainer.Uuid, StringComparison.Ordinal),
            "a skipped container is reported once, by uuid");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_InvalidStackName_ContainerSkippedWithWarningNamingIt()
    {
        var good = await Harness.StartBackendAsync("good");
        var bad = await Harness.StartBackendAsync("bad");
        var badContainer = ContainerBuilder.RoutedTo("bad_stack.x", bad);
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", good), badContainer);
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var result = await Harness.Probe.GetAsync("bad_stack.x.e2e.test");

        result.Status.Should().Be(EndToEndHarness.UnknownHostStatus);
        bad.RequestCount.Should().Be(0);
        Harness.Daemon.Lines.Should().Contain(line => line.Component == "routing" && line.Raw.Contains(badContainer.Uuid, StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_CustomRancherLabel_RoutesOnlyContainersWithThatLabel()
    {
        var custom = await Harness.StartBackendAsync("custom");
        var defaultLabelled = await Harness.StartBackendAsync("default-label");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("alpha", custom, label: "my-http"),
            ContainerBuilder.RoutedTo("beta", defaultLabelled));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["RANCHER_LABEL"] = "my-http" });

        var alpha = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));
        var beta = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("beta"));

        alpha.Backend.Should().Be("custom");
        beta.Status.Should().Be(EndToEndHarness.UnknownHostStatus);
    }
}

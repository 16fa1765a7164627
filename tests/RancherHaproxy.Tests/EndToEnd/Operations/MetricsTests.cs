using System.Text.RegularExpressions;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>/metrics read by a strict text-format parser: the contract's families, types and labels, and values that move with what the daemon does.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed partial class MetricsTests(ITestOutputHelper output) : OperationsTest(output)
{
    /// <summary>Catches a missing family, a wrong TYPE, a family out of the contract's order and a counter that only appears once it moved.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Metrics_BeforeFirstAnswer_EveryFamilyTypedAndEveryCounterAtZero()
    {
        var container = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        Harness.Metadata.Publish(container);
        Harness.Metadata.ContainersDelay = TimeSpan.FromSeconds(3);
        var daemon = Harness.StartDaemon();
        await WaitForHealthEndpointAsync();
        await daemon.WaitForEventAsync("haproxy", "started", EndToEndHarness.StartTimeout);
        await Harness.Metadata.WaitForRequestsAsync($"/{MetadataVersions.V2}/containers", 1, EndToEndHarness.StartTimeout);

        var scrape = await Health.MetricsAsync();

        var own = scrape.Families.Where(family => family.Name.StartsWith(MetricFamilies.Prefix, StringComparison.Ordinal)).ToList();
        // Without ENABLE_SSL the certificate families have no samples (a bare HELP/TYPE is tolerated); every other family is declared, samples or not.
        own.Select(family => family.Name).Should().Equal(MetricFamilies.All.Select(family => family.Name).Where(name => own.Any(family => family.Name == name)), "the contract's order");
        own.Select(family => family.Name).Except(MetricFamilies.TlsOnly).Should().Equal(MetricFamilies.WithoutTls, "every family but the TLS ones");
        // (A loop: AllSatisfy fails on an empty collection, and leaving the families out is allowed.)
        foreach (var family in own.Where(family => MetricFamilies.TlsOnly.Contains(family.Name)))
        {
            family.Samples.Should().BeEmpty("no TLS, no {0}", family.Name);
        }

        own.Should().AllSatisfy(family =>
        {
            family.Type.Should().Be(MetricFamilies.TypeOf(family.Name), "the TYPE of {0}", family.Name);
            family.Help.Should().NotBeNullOrWhiteSpace("{0} has a HELP line", family.Name);
        });
        foreach (var (name, combinations) in MetricFamilies.Counters)
        {
            scrape.SamplesNamed(name).Should().HaveCount(combinations.Count, "{0} shows every label combination", name);
            combinations.Should().AllSatisfy(labels => scrape.Value(name, labels).Should().Be(0, "{0}{{{1}}} starts at 0", name, string.Join(",", labels)));
        }

        scrape.Value("rancher_haproxy_ready").Should().Be(0);
        scrape.Value("rancher_haproxy_last_sync_timestamp_seconds").Should().Be(0, "no sync yet");
        scrape.Family("rancher_haproxy_apply_duration_seconds")!.BucketBounds().Should().Equal(MetricFamilies.ApplyBuckets);
        scrape.Value("rancher_haproxy_apply_duration_seconds_count").Should().Be(0);
        scrape.Value("rancher_haproxy_stacks").Should().Be(0);
        MetricFamilies.SkipReasons.Should().AllSatisfy(reason => scrape.Value("rancher_haproxy_skipped_containers", ("reason", reason)).Should().Be(0));
        scrape.SamplesNamed("rancher_haproxy_stack_backend_info").Should().BeEmpty();
        var build = scrape.SamplesNamed("rancher_haproxy_build_info").Should().ContainSingle().Subject;
        build.Value.Should().Be(1);
        build.Label("version").Should().NotBeNullOrWhiteSpace();
        build.Label("haproxy_version").Should().Be(HaproxyVersion());
        AssertNoUuidLabel(scrape, container.Uuid);
    }

    /// <summary>Catches gauges frozen at start, counters that do not count what the Runtime API did, and a stack → backend map that misses a new stack.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Metrics_ContainerAndStackAddedThenContainerRemoved_CountersAndGaugesMove()
    {
        var first = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        var second = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-2"));
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1"));
        Harness.Metadata.Publish(first);
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await Harness.StartDaemonAndWaitForRoutesAsync();
        var before = await Health.MetricsEventuallyAsync(scrape => scrape.Value("rancher_haproxy_stacks") == 1, EndToEndHarness.ChangeTimeout, "alpha counted");

        Harness.Metadata.Publish(first, second, beta);
        var added = await Health.MetricsEventuallyAsync(scrape => scrape.Value("rancher_haproxy_stacks") == 2, EndToEndHarness.ChangeTimeout, "beta counted");
        var linesBeforeRemoval = Harness.Daemon.LineCount;
        Harness.Metadata.Publish(first, beta);
        await Harness.Daemon.WaitForEventAsync("sync", "drained server removed", EndToEndHarness.ChangeTimeout, linesBeforeRemoval);
        var removed = await Health.MetricsEventuallyAsync(
            scrape => Operations(scrape, "remove_server") >= Operations(before, "remove_server") + 1, EndToEndHarness.ChangeTimeout, "the removal counted");

        before.Value("rancher_haproxy_ready").Should().Be(1);
        before.Value("rancher_haproxy_syncs_total", ("result", "changed")).Should().BeGreaterThanOrEqualTo(1);
        before.Value("rancher_haproxy_last_sync_timestamp_seconds").Should().BeInRange(startedAt - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        added.Value("rancher_haproxy_syncs_total", ("result", "changed")).Should().BeGreaterThan(before.Value("rancher_haproxy_syncs_total", ("result", "changed"))!.Value);
        (Operations(added, "add_server") - Operations(before, "add_server")).Should().Be(2, "alpha-2 and beta-1 were added");
        (Operations(added, "enable_server") - Operations(before, "enable_server")).Should().Be(2);
        (Operations(added, "name_backend") - Operations(before, "name_backend")).Should().Be(1, "beta took a spare backend");
        (Operations(added, "add_host") - Operations(before, "add_host")).Should().Be(1);
        (Operations(removed, "drain_server") - Operations(added, "drain_server")).Should().Be(1, "alpha-2 was drained");
        MetricFamilies.RuntimeKinds.Should().AllSatisfy(kind => removed.Value("rancher_haproxy_runtime_operations_total", ("kind", kind), ("result", "failed")).Should().Be(0));
        added.Value("rancher_haproxy_servers").Should().Be(3);
        added.Value("rancher_haproxy_hosts").Should().Be(2);
        removed.Value("rancher_haproxy_servers").Should().Be(2);
        added.Value("rancher_haproxy_apply_duration_seconds_count").Should().BeGreaterThan(before.Value("rancher_haproxy_apply_duration_seconds_count")!.Value);
        added.SamplesNamed("rancher_haproxy_stack_backend_info").Select(sample => sample.Label("stack")).Should().BeEquivalentTo(["alpha", "beta"]);
        added.SamplesNamed("rancher_haproxy_stack_backend_info").Should().AllSatisfy(sample => sample.Value.Should().Be(1));
        added.SamplesNamed("rancher_haproxy_stack_backend_info").Select(sample => sample.Label("backend")).Should().OnlyHaveUniqueItems();
        AssertNoUuidLabel(removed, first.Uuid, second.Uuid, beta.Uuid);
    }

    /// <summary>Catches a reload that is not counted, or counted under the wrong reason.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Metrics_MoreNewStacksThanSpares_ReloadCountedUnderRoutes()
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).Build();
        var gamma = ContainerBuilder.RoutedTo("gamma", await Harness.StartBackendAsync("gamma-1")).Build();
        Harness.Metadata.Publish([alpha]);
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SPARE_BACKENDS"] = "1" });
        var before = await Health.MetricsEventuallyAsync(scrape => scrape.Value("rancher_haproxy_stacks") == 1, EndToEndHarness.ChangeTimeout, "alpha counted");
        var linesBefore = Harness.Daemon.LineCount;

        Harness.Metadata.Publish([alpha, beta, gamma]);
        await Harness.Daemon.WaitForLineAsync(
            line => line.Is("sync", "routes applied") && line.Field("reload") == "true", TimeSpan.FromSeconds(10), "routes applied reload=true", linesBefore);
        var after = await Health.MetricsEventuallyAsync(scrape => scrape.Value("rancher_haproxy_stacks") == 3, EndToEndHarness.ChangeTimeout, "three stacks");

        (Reloads(after, "routes", "ok") - Reloads(before, "routes", "ok")).Should().BeGreaterThanOrEqualTo(1, "new stacks past the spares reload for routes");
        MetricFamilies.ReloadReasons.Where(reason => reason != "routes").Should().AllSatisfy(reason => Reloads(after, reason, "ok").Should().Be(Reloads(before, reason, "ok"), "no {0} reload happened", reason));
        MetricFamilies.ReloadReasons.Should().AllSatisfy(reason => Reloads(after, reason, "failed").Should().Be(0));
        after.Value("rancher_haproxy_stack_backend_info", ("stack", "beta"), ("backend", "stack_beta")).Should().Be(1);
        after.Value("rancher_haproxy_stack_backend_info", ("stack", "gamma"), ("backend", "stack_gamma")).Should().Be(1);
        after.SamplesNamed("rancher_haproxy_stack_backend_info").Should().HaveCount(3, "one backend per stack");
    }

    /// <summary>Catches an exporter that is not wired (404 with PROMEX built in), truncated, or another HAProxy's.</summary>
    [Fact(Timeout = 60_000)]
    public async Task MetricsHaproxy_Scraped_HaproxysOwnExporterOfThisHaproxy()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        await Harness.StartDaemonAndWaitForRoutesAsync();
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");

        var answer = await Health.GetAsync("/metrics/haproxy");

        answer.Status.Should().Be(200, "2.6, 3.2 and 3.4 here all have PROMEX ({0})", answer.Error ?? answer.Body[..Math.Min(200, answer.Body.Length)]);
        answer.Body.Should().Match(body => body.Contains("\nhaproxy_process_", StringComparison.Ordinal) || body.Contains("\nhaproxy_frontend_", StringComparison.Ordinal));
        var scrape = PrometheusText.Parse(answer.Body);
        scrape.Value("haproxy_frontend_http_requests_total", ("proxy", "http-in")).Should().BeGreaterThanOrEqualTo(1, "the routed request went through this daemon's HAProxy");
        scrape.Families.Should().NotContain(family => family.Name.StartsWith(MetricFamilies.Prefix, StringComparison.Ordinal), "HAProxy's metrics are separate from the daemon's");
    }

    private static double Operations(PrometheusText scrape, string kind) =>
        scrape.Value("rancher_haproxy_runtime_operations_total", ("kind", kind), ("result", "ok")) ?? throw new InvalidOperationException($"no runtime_operations_total for {kind}");

    private static double Reloads(PrometheusText scrape, string reason, string result) =>
        scrape.Value("rancher_haproxy_reloads_total", ("reason", reason), ("result", result)) ?? throw new InvalidOperationException($"no reloads_total for {reason}/{result}");

    /// <summary>No label value is a container uuid (neither one of this test's nor anything shaped like one).</summary>
    private static void AssertNoUuidLabel(PrometheusText scrape, params string[] uuids) =>
        scrape.Samples.SelectMany(sample => sample.Labels.Values).Should().AllSatisfy(value =>
        {
            UuidShape().IsMatch(value).Should().BeFalse("'{0}' looks like a uuid: labels stay low-cardinality", value);
            uuids.Should().NotContain(uuid => value.Contains(uuid, StringComparison.Ordinal));
        });

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UuidShape();
}

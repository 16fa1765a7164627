using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>
/// Hostile values from metadata never reach HAProxy's files: each bad container is skipped with one
/// warning naming its uuid and field, its good neighbours are routed, HAProxy keeps running.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class HostileContainerTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string ProxyLabel = "lb.proxy";

    /// <summary>Strings that would change HAProxy's config if they reached it; none may appear in a file.</summary>
    private static readonly string[] Hostile =
    [
        "80\nbackend injected", "80 backup", "80#x", "%[src]", "\"80\"", "80\\",
        "evil stack", "evil\nstack", "evil#x", "%[hdr(host)]", "ev\"il", "ev\\il",
    ];

    [Fact(Timeout = 90_000)]
    public async Task Publish_HostileContainersBesideGoodOnes_EachSkippedWithWarningGoodOnesRouted()
    {
        var good = await Harness.StartBackendAsync("good-1");
        var proxied = await Harness.StartBackendAsync("proxied-1");
        var goodContainer = ContainerBuilder.RoutedTo("good", good);
        var badLabels = Hostile[..6].Select((value, index) => ContainerBuilder.RoutedTo($"label{index}", good).WithLabel(ContainerBuilder.DefaultLabel, value)).ToList();
        var badStacks = Hostile[6..].Select(stack => ContainerBuilder.RoutedTo("x", good).InStack(stack)).ToList();
        var badIp = ContainerBuilder.RoutedTo("ip", good).WithIp("127.0.0.1 backup");
        var hostileService = ContainerBuilder.RoutedTo("svc", good).InStack("svc", "web\n%[src] backup");
        var proxy = ContainerBuilder.RoutedTo("proxied", proxied).WithLabel(ProxyLabel, "send-proxy backup check");
        Harness.Metadata.Publish([goodContainer, .. badLabels, .. badStacks, badIp, hostileService, proxy]);

        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["RANCHER_PROXY_LABEL"] = ProxyLabel });
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("good"), result => result.Backend == "good-1", EndToEndHarness.ChangeTimeout, "good-1 routed");
        var files = await File.ReadAllTextAsync(Harness.DomainMapPath) + await File.ReadAllTextAsync(Harness.BackendConfigPath);

        foreach (var container in badLabels)
        {
            AssertOneWarning(daemon, container.Uuid, $"label {ContainerBuilder.DefaultLabel}");
        }

        foreach (var container in badStacks)
        {
            AssertOneWarning(daemon, container.Uuid, "stack_name");
        }

        AssertOneWarning(daemon, badIp.Uuid, "primary_ip");
        AssertOneWarning(daemon, proxy.Uuid, $"label {ProxyLabel}");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("proxied"))).Backend.Should().Be("proxied-1", "an unknown PROXY keyword is ignored, the container still routed");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("svc"))).Backend.Should().Be("good-1", "the service name never reaches a file, so it cannot harm");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("ip"))).Status.Should().Be(503);
        foreach (var fragment in Hostile.Concat(["%[", "#x", "\"", "\\", "evil", "injected"]))
        {
            files.Should().NotContain(fragment, "no hostile value reaches HAProxy's files");
        }

        files.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Should().NotContain(["backup", "check", "send-proxy"], "no keyword is injected");

        daemon.Lines.Should().NotContain(line => line.Component == "sync" && line.Message != null && line.Message.StartsWith("config check failed", StringComparison.Ordinal));
        HaproxyProcesses.IsLiveHaproxy(daemon.MasterPid!.Value, out _).Should().BeTrue("HAProxy keeps running");
        daemon.HasExited.Should().BeFalse();
    }

    [Fact(Timeout = 90_000)]
    public async Task Publish_StacksDifferingOnlyByCase_DistinctBackendsAndSameBytesInAnyOrder()
    {
        var upper = await Harness.StartBackendAsync("upper-1");
        var lower = await Harness.StartBackendAsync("lower-1");
        var containers = new List<JsonObject>
        {
            ContainerBuilder.RoutedTo("Shop", upper).Build(),
            ContainerBuilder.RoutedTo("shop", lower).Build(),
            ContainerBuilder.RoutedTo("SHOP", lower).Build(),
            ContainerBuilder.RoutedTo("other", upper).Build(),
        };
        Harness.Metadata.Publish(containers);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["RANCHER_API_VERSION"] = MetadataVersions.V2,
            ["LOG_LEVEL"] = "debug",
        });
        var backends = await File.ReadAllBytesAsync(Harness.BackendConfigPath);
        var map = await File.ReadAllBytesAsync(Harness.DomainMapPath);
        var shopBackends = System.Text.Encoding.UTF8.GetString(backends).Split('\n')
            .Where(line => line.StartsWith("backend stack_shop", StringComparison.Ordinal)).ToList();
        var linesBefore = daemon.LineCount;

        containers.Reverse();
        Harness.Metadata.Publish(containers);
        await daemon.WaitForEventAsync("sync", "metadata changed, routes did not", EndToEndHarness.ChangeTimeout, linesBefore);

        shopBackends.Should().HaveCount(3).And.OnlyHaveUniqueItems("stacks differing only by case get distinct backends");
        (await File.ReadAllBytesAsync(Harness.BackendConfigPath)).Should().Equal(backends, "the same set renders the same bytes in any order");
        (await File.ReadAllBytesAsync(Harness.DomainMapPath)).Should().Equal(map);
        daemon.Lines.Skip(linesBefore).Should().NotContain(line => FaultLog.IsApplied(line));
    }

    private static void AssertOneWarning(DaemonProcess daemon, string uuid, string field)
    {
        var warnings = daemon.Lines.Where(line => FaultLog.IsNotRouted(line, uuid)).ToList();
        warnings.Should().ContainSingle("container {0} is skipped with one warning", uuid);
        warnings[0].Field("field").Should().Be(field, "the warning for {0} names the field", uuid);
    }
}

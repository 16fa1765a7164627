using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>The RANCHER_PROXY_LABEL label: its value's send-proxy keyword goes on that container's server line.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ProxyProtocolTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<ProxyProtocolListener> _listeners = [];
    private EndToEndHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EndToEndHarness.StartAsync(output);

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        foreach (var listener in _listeners)
        {
            await listener.DisposeAsync();
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("send-proxy", "v1")]
    [InlineData("send-proxy-v2", "v2")]
    public async Task Request_ContainerWithProxyLabel_BackendReceivesProxyHeader(string labelValue, string expected)
    {
        var backend = Start("alpha-proxy");
        _harness.Metadata.Publish(backend.Container("alpha").WithLabel("send-proxy", labelValue));
        await _harness.StartDaemonAndWaitForRoutesAsync();

        var result = await _harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        result.Status.Should().Be(200, result.ToString());
        result.Body.Should().Be($"backend=alpha-proxy proxy={expected}\n");
        backend.Preambles.Should().Equal(expected);
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_CustomProxyLabel_ReadsThatLabel()
    {
        var backend = Start("alpha-proxy");
        _harness.Metadata.Publish(backend.Container("alpha").WithLabel("my-proxy", "send-proxy-v2"));
        await _harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["RANCHER_PROXY_LABEL"] = "my-proxy" });

        var result = await _harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        result.Body.Should().Be("backend=alpha-proxy proxy=v2\n");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_BogusProxyLabelValue_WarnsNamingContainerAndSendsPlainHttp()
    {
        var backend = Start("alpha-plain");
        var container = backend.Container("alpha").WithLabel("send-proxy", "send-proxy check");
        _harness.Metadata.Publish(container);
        await _harness.StartDaemonAndWaitForRoutesAsync();

        var result = await _harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        result.Body.Should().Be("backend=alpha-plain proxy=plain\n", "the bogus value never reaches the server line");
        _harness.Daemon.Lines.Should().Contain(
            line => line.Level == "warn" && line.Raw.Contains(container.Uuid, StringComparison.Ordinal) && line.Raw.Contains("send-proxy", StringComparison.Ordinal),
            "the ignored value is reported naming the container");
        File.ReadAllText(_harness.BackendConfigPath).Should().NotContain("check");
    }

    private ProxyProtocolListener Start(string name)
    {
        var listener = ProxyProtocolListener.Start(name);
        _listeners.Add(listener);
        return listener;
    }
}

using System.Text;
using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>
/// /containers answers garbage after routes were applied: no crash, the last good routes keep
/// serving, one clear error naming the URL, and routes follow again once the answers are sane.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class GarbageAnswerTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string ServiceMetadataPath = "/2015-12-19/self/service/metadata";

    /// <summary>Two retries with back-off (0.5 s, then 1 s) take about 2 s; the fifty-megabyte answer takes longer to read.</summary>
    private static readonly TimeSpan RetryTimeout = TimeSpan.FromSeconds(15);

    private JsonObject _alpha = null!;
    private JsonObject _beta = null!;

    public enum Garbage
    {
        InvalidJson,
        TruncatedJson,
        PrimaryIpNumber,
        LabelsString,
        ContainersObject,
        HtmlPage,
        FiftyMegabytes,
    }

    [Theory(Timeout = 90_000)]
    [InlineData(Garbage.InvalidJson)]
    [InlineData(Garbage.TruncatedJson)]
    [InlineData(Garbage.PrimaryIpNumber)]
    [InlineData(Garbage.LabelsString)]
    [InlineData(Garbage.ContainersObject)]
    [InlineData(Garbage.HtmlPage)]
    [InlineData(Garbage.FiftyMegabytes)]
    public async Task Containers_GarbageAfterRoutesApplied_LastRoutesServeOneErrorNamingUrl(Garbage garbage)
    {
        await StartWithAlphaAsync();
        var daemon = Harness.Daemon;
        var linesBefore = daemon.LineCount;

        Harness.Metadata.RawContainersAnswer = Body(garbage);
        Harness.Metadata.Publish([_alpha, _beta]);
        await daemon.WaitForLineAsync(FaultLog.IsSourceFailure, TimeSpan.FromSeconds(15), "a metadata error", linesBefore);
        var containerReads = Harness.Metadata.RequestCount("/2015-12-19/containers");
        // Two retries: the daemon has decided on the first of them (logged or not) before it asks again.
        await Harness.Metadata.WaitForRequestsAsync("/2015-12-19/containers", containerReads + 2, RetryTimeout);
        var retries = Harness.Metadata.RequestCount("/2015-12-19/containers") - containerReads;
        (await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 3)).Should().AllSatisfy(result => result.Backend.Should().Be("alpha-1"));
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("beta"))).Status.Should().Be(EndToEndHarness.UnknownHostStatus);
        var errors = daemon.Lines.Skip(linesBefore).Where(FaultLog.IsSourceFailure).ToList();

        Harness.Metadata.RawContainersAnswer = null;
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", TimeSpan.FromSeconds(15), "beta-1 once the answer is sane");

        retries.Should().BeGreaterThanOrEqualTo(2, "the daemon keeps retrying");
        errors.Should().ContainSingle("one error per change of state, not one per retry ({0} retries)", retries);
        errors[0].Field("error").Should().Contain($"http://{Harness.Metadata.BaseHost}/2015-12-19/containers");
        daemon.Lines.Should().NotContain(line => line.Raw.Contains("Unhandled exception", StringComparison.Ordinal));
        daemon.HasExited.Should().BeFalse();
    }

    [Fact(Timeout = 90_000)]
    public async Task Containers_NullLabelsBesideGoodContainer_GoodOneStillRouted()
    {
        await StartWithAlphaAsync();
        var daemon = Harness.Daemon;
        var nullLabels = (JsonObject)_beta.DeepClone();
        nullLabels["labels"] = null;
        nullLabels["uuid"] = Guid.NewGuid().ToString();
        var gamma = ContainerBuilder.RoutedTo("gamma", await Harness.StartBackendAsync("gamma-1")).Build();

        Harness.Metadata.Publish([_alpha, nullLabels, gamma]);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("gamma"), result => result.Backend == "gamma-1", EndToEndHarness.ChangeTimeout, "gamma-1 routed");

        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("beta"))).Status.Should().Be(EndToEndHarness.UnknownHostStatus, "a container without labels has no routing label");
        daemon.HasExited.Should().BeFalse();
    }

    [Fact(Timeout = 90_000)]
    public async Task ServiceMetadata_InvalidJsonAfterRoutesApplied_LastRoutesServeOneErrorNamingUrl()
    {
        await StartWithAlphaAsync();
        var daemon = Harness.Daemon;
        var linesBefore = daemon.LineCount;

        Harness.Metadata.RawServiceMetadataAnswer = "{\"aliases\": {\"alpha\": [\"www\""u8.ToArray();
        Harness.Metadata.Publish([_alpha, _beta]);
        await daemon.WaitForLineAsync(FaultLog.IsSourceFailure, TimeSpan.FromSeconds(15), "a metadata error", linesBefore);
        var serviceReads = Harness.Metadata.RequestCount(ServiceMetadataPath);
        await Harness.Metadata.WaitForRequestsAsync(ServiceMetadataPath, serviceReads + 2, RetryTimeout);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
        var errors = daemon.Lines.Skip(linesBefore).Where(FaultLog.IsSourceFailure).ToList();

        Harness.Metadata.RawServiceMetadataAnswer = null;
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", TimeSpan.FromSeconds(15), "beta-1 once the answer is sane");

        errors.Should().ContainSingle();
        errors[0].Field("error").Should().Contain($"http://{Harness.Metadata.BaseHost}/2015-12-19/self/service/metadata");
        daemon.HasExited.Should().BeFalse();
    }

    private async Task StartWithAlphaAsync()
    {
        _alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        _beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).Build();
        Harness.Metadata.Publish([_alpha]);
        await Harness.StartDaemonAndWaitForRoutesAsync();
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
    }

    private byte[] Body(Garbage garbage)
    {
        var valid = new JsonArray(_alpha.DeepClone(), _beta.DeepClone()).ToJsonString();
        return garbage switch
        {
            Garbage.InvalidJson => Encoding.UTF8.GetBytes("[{\"uuid\": ,, }]"),
            Garbage.TruncatedJson => Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]),
            Garbage.PrimaryIpNumber => Encoding.UTF8.GetBytes(WithField(_beta, "primary_ip", 5)),
            Garbage.LabelsString => Encoding.UTF8.GetBytes(WithField(_beta, "labels", "map-public-http=80")),
            Garbage.ContainersObject => Encoding.UTF8.GetBytes(new JsonObject { ["0"] = _alpha.DeepClone(), ["1"] = _beta.DeepClone() }.ToJsonString()),
            Garbage.HtmlPage => "<html><body>502 Bad Gateway</body></html>\n"u8.ToArray(),
            Garbage.FiftyMegabytes => FiftyMegabytes(),
            _ => throw new ArgumentOutOfRangeException(nameof(garbage)),
        };
    }

    /// <summary>[alpha, beta] where beta's <paramref name="field"/> has a value of the wrong type.</summary>
    private string WithField(JsonObject container, string field, JsonNode value)
    {
        var changed = (JsonObject)container.DeepClone();
        changed[field] = value;
        return new JsonArray(_alpha.DeepClone(), changed).ToJsonString();
    }

    /// <summary>A 50 MB answer: alpha, then a container whose name never ends.</summary>
    private byte[] FiftyMegabytes()
    {
        var head = Encoding.UTF8.GetBytes("[" + _alpha.ToJsonString() + ",{\"uuid\":\"" + Guid.NewGuid() + "\",\"name\":\"");
        var body = new byte[50 * 1024 * 1024];
        head.CopyTo(body, 0);
        body.AsSpan(head.Length).Fill((byte)'a');
        return body;
    }
}

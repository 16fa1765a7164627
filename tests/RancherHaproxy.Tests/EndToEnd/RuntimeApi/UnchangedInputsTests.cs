using System.Globalization;
using RancherHaproxy.Tests.EndToEnd.Parity;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.RuntimeApi;

/// <summary>
/// Most version changes in Rancher touch nothing routing reads: such an answer is recognised by its
/// fingerprint and neither built nor rendered (logged built=false), while anything routing does
/// read, and the certificate directory, still gets through.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class UnchangedInputsTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly Dictionary<string, string?> Debug = new() { ["LOG_LEVEL"] = "debug" };

    [Fact(Timeout = 60_000)]
    public async Task Publish_SameContainersAgain_NothingBuilt()
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        Harness.Metadata.Publish(alpha);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(Debug);
        var backends = await File.ReadAllBytesAsync(Harness.BackendConfigPath);
        var linesBefore = daemon.LineCount;

        Harness.Metadata.Publish(alpha);
        var unchanged = await WaitForUnchangedAsync(linesBefore);

        unchanged.Field("built").Should().Be("false");
        (await File.ReadAllBytesAsync(Harness.BackendConfigPath)).Should().Equal(backends);
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_OnlyWhatRoutingDoesNotReadChanged_NothingBuilt()
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        var unlabelled = new ContainerBuilder().InStack("db").WithoutLabel(ContainerBuilder.DefaultLabel).WithIp("127.0.0.250");
        Harness.Metadata.Publish(alpha, unlabelled);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(Debug);
        var linesBefore = daemon.LineCount;

        Harness.Metadata.Publish(
            alpha.WithLabel("io.rancher.service.hash", "changed"),
            unlabelled.WithState("stopped").WithIp("127.0.0.251"));
        var unchanged = await WaitForUnchangedAsync(linesBefore);

        unchanged.Field("built").Should().Be("false");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_RoutedFieldChanged_Applied()
    {
        var (daemon, linesBefore) = await StartAndMoveAlphaAsync();

        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("alpha"), result => result.Backend == "alpha-moved", EndToEndHarness.ChangeTimeout, "alpha-moved to answer");
        daemon.Lines.Skip(linesBefore).Should().NotContain(line => line.Message == "metadata changed, routes did not");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_RoutedFieldChanged_DebugBreakdownSaysWhereTheApplyWent()
    {
        // Act: a move, applied through the Runtime API.
        var (_, linesBefore) = await StartAndMoveAlphaAsync();
        var breakdown = await Harness.Daemon.WaitForEventAsync("sync", "apply breakdown", EndToEndHarness.ChangeTimeout, linesBefore);

        // Assert: every phase of that apply, in milliseconds, and the answer's size.
        foreach (var phase in new[] { "wake_ms", "head_ms", "body_ms", "parse_ms", "service_ms", "inputs_ms", "build_ms", "queued_ms", "render_ms", "plan_ms", "runtime_api_ms" })
        {
            double.Parse(breakdown.Field(phase)!, CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(0, phase);
        }

        long.Parse(breakdown.Field("bytes")!, CultureInfo.InvariantCulture).Should().BeGreaterThan(100);
    }

    [Fact(Timeout = 60_000)]
    public async Task CertificateDirectoryGainsPem_SameInputsPublished_NewCertificateServed()
    {
        var host = EndToEndHarness.HostFor("alpha");
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        var directory = Harness.Directory.Combine("certs");
        Directory.CreateDirectory(directory);
        Harness.Metadata.Publish(alpha);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(TlsMetadataTests.Tls(("HAPROXY_SSL_CERT_DIR", directory)));
        var httpsPort = int.Parse(daemon.Environment["HTTPS_PORT"], CultureInfo.InvariantCulture);
        (await TlsProbe.EventuallyAsync(host, httpsPort, result => result.Status == 200, EndToEndHarness.ChangeTimeout, "an HTTPS answer"))
            .Subject.Should().Contain("rancher-haproxy placeholder");
        var certificate = TestCertificate.Create(host);
        await File.WriteAllTextAsync(Path.Combine(directory, "alpha.pem"), certificate.CombinedPem);

        Harness.Metadata.Publish(alpha);

        var served = await TlsProbe.EventuallyAsync(host, httpsPort, result => result.Thumbprint == certificate.Thumbprint,
            TimeSpan.FromSeconds(15), "the certificate from the directory");
        served.Backend.Should().Be("alpha-1");
    }

    /// <summary>Stack alpha routed at debug level, then its container moved to alpha-moved (published); the daemon and its line count before the move.</summary>
    private async Task<(DaemonProcess Daemon, int LinesBefore)> StartAndMoveAlphaAsync()
    {
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        Harness.Metadata.Publish(alpha);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(Debug);
        var moved = await Harness.StartBackendAsync("alpha-moved");
        var linesBefore = daemon.LineCount;
        Harness.Metadata.Publish(alpha.WithIp(moved.Address).WithLabel(ContainerBuilder.DefaultLabel, moved.Port.ToString(CultureInfo.InvariantCulture)));
        return (daemon, linesBefore);
    }

    private Task<DaemonLogLine> WaitForUnchangedAsync(int fromIndex) =>
        Harness.Daemon.WaitForEventAsync("sync", "metadata changed, routes did not", EndToEndHarness.ChangeTimeout, fromIndex);
}

using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>Certificate checks on the real daemon: a certificate near its end and a host it does not cover, each warned once.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class CertificateWarningTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly string AlphaHost = EndToEndHarness.HostFor("alpha");
    private static readonly string BetaHost = EndToEndHarness.HostFor("beta");

    [Fact(Timeout = 60_000)]
    public async Task Tls_CertificateExpiringIn7DaysAndAnUncoveredHost_BothWarnedOnce()
    {
        // Arrange: a certificate for alpha only, 7 days left; stacks alpha and beta.
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        var directory = Harness.Directory.Combine("certs");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "alpha.pem"), CertificateBuilder.CombinedPem(DateTimeOffset.UtcNow, TimeSpan.FromDays(7), AlphaHost));
        var version = Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha), ContainerBuilder.RoutedTo("beta", beta));

        // Act
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(Parity.TlsMetadataTests.Tls(("HAPROXY_SSL_CERT_DIR", directory)));
        var expiry = await daemon.WaitForEventAsync("tls", "certificate expires soon", EndToEndHarness.ChangeTimeout);
        var uncovered = await daemon.WaitForEventAsync("tls", "no certificate covers host", EndToEndHarness.ChangeTimeout);
        await Harness.Metadata.WaitForLongPollAsync(version, EndToEndHarness.ChangeTimeout);

        // Assert
        expiry.Level.Should().Be("warn");
        expiry.Field("certificate").Should().Be("alpha.pem");
        expiry.Field("subject").Should().Be(AlphaHost);
        expiry.Field("days").Should().Be("7");
        uncovered.Level.Should().Be("warn");
        uncovered.Field("host").Should().Be(BetaHost);
        uncovered.Field("stack").Should().Be("beta");
        daemon.Lines.Where(line => line.Component == "tls" && line.Message != "certificate expires soon" && line.Message != "no certificate covers host")
            .Should().BeEmpty("alpha's host is covered and nothing else is wrong");
        daemon.Lines.Count(line => line.Is("tls", "certificate expires soon")).Should().Be(1);
        daemon.Lines.Count(line => line.Is("tls", "no certificate covers host")).Should().Be(1);
    }
}

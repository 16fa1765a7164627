using System.Globalization;
using System.Net;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>Certificates from files: a mounted HAPROXY_SSL_CERT, HAPROXY_SSL_CERT_DIR chosen by SNI; HTTP/2 through ALPN.</summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class TlsSourcesTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly string AlphaHost = EndToEndHarness.HostFor("alpha");
    private static readonly string BetaHost = EndToEndHarness.HostFor("beta");

    private int HttpsPort => int.Parse(Harness.Daemon.Environment["HTTPS_PORT"], CultureInfo.InvariantCulture);

    [Fact(Timeout = 60_000)]
    public async Task Https_MountedCertificateFile_UsedAsIsMetadataCertificateIgnored()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var mounted = TestCertificate.Create(AlphaHost);
        var fromMetadata = TestCertificate.Create(AlphaHost);
        var path = Harness.Directory.Combine("mounted.pem");
        await File.WriteAllTextAsync(path, mounted.CombinedPem);
        var version = Harness.Metadata.Publish([ContainerBuilder.RoutedTo("alpha", alpha).Build()], TlsMetadataTests.Service(fromMetadata.CertificatePem, fromMetadata.KeyPem));
        await Harness.StartDaemonAndWaitForRoutesAsync(TlsMetadataTests.Tls(("HAPROXY_SSL_CERT", path)));

        var result = await TlsProbe.EventuallyAsync(AlphaHost, HttpsPort, result => result.Status == 200, EndToEndHarness.ChangeTimeout, "an HTTPS answer");
        // The daemon has done all it will with the metadata certificate once it waits for the next change.
        await Harness.Metadata.WaitForLongPollAsync(version, EndToEndHarness.ChangeTimeout);
        var later = await TlsProbe.GetAsync(AlphaHost, HttpsPort);

        result.Thumbprint.Should().Be(mounted.Thumbprint);
        later.Thumbprint.Should().Be(mounted.Thumbprint, "the metadata certificate never replaces a mounted one");
        (await File.ReadAllTextAsync(path)).Should().Be(mounted.CombinedPem, "a mounted file is never rewritten");
    }

    [Fact(Timeout = 60_000)]
    public async Task Https_CertificateDirectoryWithTwoNames_ChosenBySni()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        var alphaCertificate = TestCertificate.Create(AlphaHost);
        var betaCertificate = TestCertificate.Create(BetaHost);
        var directory = Harness.Directory.Combine("certs");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "alpha.pem"), alphaCertificate.CombinedPem);
        await File.WriteAllTextAsync(Path.Combine(directory, "beta.pem"), betaCertificate.CombinedPem);
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha), ContainerBuilder.RoutedTo("beta", beta));
        await Harness.StartDaemonAndWaitForRoutesAsync(TlsMetadataTests.Tls(("HAPROXY_SSL_CERT_DIR", directory)));

        var toAlpha = await TlsProbe.EventuallyAsync(AlphaHost, HttpsPort, result => result.Status == 200, EndToEndHarness.ChangeTimeout, "an HTTPS answer");
        var toBeta = await TlsProbe.GetAsync(BetaHost, HttpsPort);

        toAlpha.Thumbprint.Should().Be(alphaCertificate.Thumbprint);
        toAlpha.Backend.Should().Be("alpha-1");
        toBeta.Thumbprint.Should().Be(betaCertificate.Thumbprint);
        toBeta.Backend.Should().Be("beta-1");
    }

    [Fact(Timeout = 60_000)]
    public async Task Https_Http2RequestedThroughAlpn_AnsweredOverHttp2()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var certificate = TestCertificate.Create(AlphaHost);
        Harness.Metadata.Publish([ContainerBuilder.RoutedTo("alpha", alpha).Build()], TlsMetadataTests.Service(certificate.CertificatePem, certificate.KeyPem));
        await Harness.StartDaemonAndWaitForRoutesAsync(TlsMetadataTests.Tls());
        await TlsProbe.EventuallyAsync(AlphaHost, HttpsPort, result => result.Thumbprint == certificate.Thumbprint, EndToEndHarness.ChangeTimeout, "the certificate");

        var result = await TlsProbe.GetAsync(AlphaHost, HttpsPort, HttpVersion.Version20);

        result.Error.Should().BeNull();
        result.Version.Should().Be(HttpVersion.Version20);
        result.Backend.Should().Be("alpha-1");
        result.ForwardedProto.Should().Be("https");
    }
}

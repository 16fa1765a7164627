using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>ENABLE_SSL with the certificate from service metadata (ssl_cert + ssl_key): served, rotated, refused, replaced.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class TlsMetadataTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly string AlphaHost = EndToEndHarness.HostFor("alpha");

    private int HttpsPort => int.Parse(Harness.Daemon.Environment["HTTPS_PORT"], CultureInfo.InvariantCulture);

    [Fact(Timeout = 60_000)]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Https_MetadataCertificate_ReachesBackendWithForwardedHeadersAndKeyStaysSecret()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var certificate = TestCertificate.Create(AlphaHost);
        Harness.Metadata.Publish([ContainerBuilder.RoutedTo("alpha", alpha).Build()], Service(certificate.CertificatePem, certificate.KeyPem));
        await Harness.StartDaemonAndWaitForRoutesAsync(Tls());

        var result = await ServedAsync(certificate);

        result.Backend.Should().Be("alpha-1");
        result.ForwardedProto.Should().Be("https");
        result.Body.Should().Contain("xff=127.0.0.1");
        File.GetUnixFileMode(Harness.Daemon.Environment["HAPROXY_SSL_CERT"]).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Harness.Daemon.Lines.Should().NotContain(line => line.Raw.Contains(certificate.KeyBody, StringComparison.Ordinal), "the key is never logged");
        (await Harness.Probe.GetAsync(AlphaHost)).Backend.Should().Be("alpha-1", "plain HTTP keeps working beside TLS");
    }

    [Fact(Timeout = 60_000)]
    public async Task Https_Base64MetadataCertificate_IsDecodedAndServed()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var certificate = TestCertificate.Create(AlphaHost);
        Harness.Metadata.Publish([ContainerBuilder.RoutedTo("alpha", alpha).Build()], Service(Base64(certificate.CertificatePem), Base64(certificate.KeyPem)));
        await Harness.StartDaemonAndWaitForRoutesAsync(Tls(("SSL_BASE64_ENCODED", "true")));

        var result = await ServedAsync(certificate);

        result.Backend.Should().Be("alpha-1");
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_NewMetadataCertificate_ServedWithinSeconds()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var containers = new[] { ContainerBuilder.RoutedTo("alpha", alpha).Build() };
        var first = TestCertificate.Create(AlphaHost);
        var second = TestCertificate.Create(AlphaHost);
        Harness.Metadata.Publish(containers, Service(first.CertificatePem, first.KeyPem));
        await Harness.StartDaemonAndWaitForRoutesAsync(Tls());
        await ServedAsync(first);

        Harness.Metadata.Publish(containers, Service(second.CertificatePem, second.KeyPem));
        var result = await ServedAsync(second);

        result.Backend.Should().Be("alpha-1");
        first.Thumbprint.Should().NotBe(second.Thumbprint);
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_KeyNotMatchingCertificate_ErrorNamesKeysOldCertificateStaysRoutesApply()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        var alphaContainer = ContainerBuilder.RoutedTo("alpha", alpha).Build();
        var good = TestCertificate.Create(AlphaHost);
        var other = TestCertificate.Create(AlphaHost);
        var stranger = TestCertificate.Create(AlphaHost);
        Harness.Metadata.Publish([alphaContainer], Service(good.CertificatePem, good.KeyPem));
        await Harness.StartDaemonAndWaitForRoutesAsync(Tls());
        await ServedAsync(good);

        var linesBefore = Harness.Daemon.LineCount;
        Harness.Metadata.Publish([alphaContainer, ContainerBuilder.RoutedTo("beta", beta).Build()], Service(other.CertificatePem, stranger.KeyPem));
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta routed");
        var error = await Harness.Daemon.WaitForLineAsync(
            line => line.Level == "error" && line.Raw.Contains("ssl_cert", StringComparison.Ordinal) && line.Raw.Contains("ssl_key", StringComparison.Ordinal),
            EndToEndHarness.ChangeTimeout, "an error naming ssl_cert and ssl_key", linesBefore);
        var served = await TlsProbe.GetAsync(AlphaHost, HttpsPort);

        error.Raw.Should().NotContain(stranger.KeyBody);
        served.Thumbprint.Should().Be(good.Thumbprint, "the certificate in use stays");
        served.Backend.Should().Be("alpha-1");
        Harness.Daemon.HasExited.Should().BeFalse();
    }

    [Fact(Timeout = 60_000)]
    public async Task Https_NoCertificateYet_ServesPlaceholderAndWarns()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish([ContainerBuilder.RoutedTo("alpha", alpha).Build()], MetadataObjects.Service("lb", "haproxy"));
        await Harness.StartDaemonAndWaitForRoutesAsync(Tls());

        var result = await TlsProbe.EventuallyAsync(AlphaHost, HttpsPort, result => result.Status == 200, EndToEndHarness.ChangeTimeout, "an HTTPS answer");

        result.Subject.Should().Contain("rancher-haproxy placeholder");
        result.Backend.Should().Be("alpha-1");
        Harness.Daemon.Lines.Should().Contain(line => line.Level == "warn" && line.Raw.Contains("placeholder", StringComparison.Ordinal));
    }

    internal static JsonObject Service(string certificate, string key) =>
        MetadataObjects.Service("lb", "haproxy", new JsonObject { ["ssl_cert"] = certificate, ["ssl_key"] = key });

    internal static Dictionary<string, string?> Tls(params (string Name, string Value)[] more)
    {
        var overrides = new Dictionary<string, string?> { ["ENABLE_SSL"] = "true" };
        foreach (var (name, value) in more)
        {
            overrides[name] = value;
        }

        return overrides;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private Task<TlsResult> ServedAsync(TestCertificate certificate) =>
        TlsProbe.EventuallyAsync(AlphaHost, HttpsPort, result => result.Status == 200 && result.Thumbprint == certificate.Thumbprint,
            EndToEndHarness.ChangeTimeout, $"certificate {certificate.Thumbprint}");
}

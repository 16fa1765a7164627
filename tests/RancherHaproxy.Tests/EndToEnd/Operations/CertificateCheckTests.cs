using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>
/// ENABLE_SSL with HAPROXY_SSL_CERT_DIR: a certificate close to its end and a routed host no
/// certificate covers each give one warning (component tls) and a metric. "Nothing else was said" is
/// checked after a later warning of the same evaluation kind, caused by a new stack.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class CertificateCheckTests(ITestOutputHelper output) : OperationsTest(output)
{
    private const string ExpiresSoon = "certificate expires soon";
    private const string Uncovered = "no certificate covers host";
    private static readonly string AlphaHost = EndToEndHarness.HostFor("alpha");
    private static readonly string BetaHost = EndToEndHarness.HostFor("beta");

    /// <summary>Catches an expiry nobody hears of until users do, a warning repeated on every apply, and a not-after metric that is not the certificate's.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Certificates_ExpiringInSevenDays_WarnsOnceAndExportsNotAfter()
    {
        var certificate = DatedCertificate.Create(TimeSpan.FromDays(7), AlphaHost);
        var directory = CertificateDirectory();
        await certificate.WriteAsync(Path.Combine(directory, "soon.pem"));
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1"));
        Harness.Metadata.Publish(alpha);
        var daemon = await StartWithCertificatesAsync(directory);

        var warning = await daemon.WaitForEventAsync("tls", ExpiresSoon, EndToEndHarness.ChangeTimeout);
        var scrape = await Health.MetricsEventuallyAsync(
            metrics => metrics.Value("rancher_haproxy_certificate_not_after_seconds", ("certificate", "soon.pem")) is not null, EndToEndHarness.ChangeTimeout, "soon.pem reported");
        var linesBeforeBeta = daemon.LineCount;
        Harness.Metadata.Publish(alpha, beta);
        await WaitForUncoveredAsync(BetaHost, linesBeforeBeta);

        warning.Level.Should().Be("warn");
        warning.Field("certificate").Should().Be("soon.pem");
        warning.Field("subject").Should().Be(AlphaHost);
        warning.Field("days").Should().BeOneOf("6", "7");
        StatusTimeWithin(warning.Field("not_after"), certificate.NotAfter);
        scrape.Value("rancher_haproxy_certificate_not_after_seconds", ("certificate", "soon.pem")).Should()
            .BeApproximately(certificate.NotAfter.ToUnixTimeSeconds(), 1, "the certificate's own notAfter");
        scrape.SamplesNamed("rancher_haproxy_certificate_not_after_seconds").Should().ContainSingle("the placeholder is not reported");
        scrape.Value("rancher_haproxy_certificate_uncovered_hosts").Should().Be(0, "soon.pem covers alpha");
        scrape.Families.Select(family => family.Name).Where(name => name.StartsWith(MetricFamilies.Prefix, StringComparison.Ordinal))
            .Should().Equal(MetricFamilies.All.Select(family => family.Name), "with ENABLE_SSL every family of the contract, in its order");
        daemon.CountEvents("tls", ExpiresSoon).Should().Be(1, "once per certificate per state, not once per apply");
        daemon.Lines.Should().NotContain(line => line.Is("tls", Uncovered) && line.Field("host") == AlphaHost, "soon.pem covers alpha");
    }

    /// <summary>Catches an uncovered host nobody is told about, a warning repeated for hosts already reported, and a metric that does not count them.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Certificates_RoutedHostNotCovered_WarnsOncePerHostAndCountsIt()
    {
        var directory = CertificateDirectory();
        await DatedCertificate.Create(TimeSpan.FromDays(60), "other.example").WriteAsync(Path.Combine(directory, "other.pem"));
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1"));
        Harness.Metadata.Publish(alpha);
        var daemon = await StartWithCertificatesAsync(directory);

        var alphaWarning = await WaitForUncoveredAsync(AlphaHost, 0);
        var first = await Health.MetricsEventuallyAsync(
            metrics => metrics.Value("rancher_haproxy_certificate_uncovered_hosts") >= 1, EndToEndHarness.ChangeTimeout, "alpha uncovered");
        var linesBeforeBeta = daemon.LineCount;
        Harness.Metadata.Publish(alpha, beta);
        await WaitForUncoveredAsync(BetaHost, linesBeforeBeta);
        var second = await Health.MetricsEventuallyAsync(
            metrics => metrics.Value("rancher_haproxy_certificate_uncovered_hosts") == 2, EndToEndHarness.ChangeTimeout, "alpha and beta uncovered");

        alphaWarning.Level.Should().Be("warn");
        alphaWarning.Field("stack").Should().Be("alpha");
        first.Value("rancher_haproxy_certificate_uncovered_hosts").Should().Be(1);
        second.Value("rancher_haproxy_certificate_not_after_seconds", ("certificate", "other.pem")).Should().NotBeNull();
        daemon.Lines.Count(line => line.Is("tls", Uncovered) && line.Field("host") == AlphaHost).Should().Be(1, "alpha was reported once; beta's arrival changes nothing for it");
        daemon.CountEvents("tls", ExpiresSoon).Should().Be(0, "60 days left is not soon");
    }

    /// <summary>Catches a wildcard that covers nothing (every review app warned about) or any depth (a real gap hidden).</summary>
    [Fact(Timeout = 60_000)]
    public async Task Certificates_WildcardCertificate_CoversExactlyOneLabel()
    {
        var directory = CertificateDirectory();
        await DatedCertificate.Create(TimeSpan.FromDays(60), "*." + EndToEndHarness.StackDomain).WriteAsync(Path.Combine(directory, "wildcard.pem"));
        var deep = "deep.app." + EndToEndHarness.StackDomain;
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("app", await Harness.StartBackendAsync("app-1"))
            .WithLabel(ContainerBuilder.DefaultLabel + ".hosts", "app," + deep));
        var daemon = await StartWithCertificatesAsync(directory);

        var deepWarning = await WaitForUncoveredAsync(deep, 0);
        var scrape = await Health.MetricsEventuallyAsync(
            metrics => metrics.Value("rancher_haproxy_certificate_uncovered_hosts") >= 1, EndToEndHarness.ChangeTimeout, "the deep host uncovered");

        deepWarning.Field("stack").Should().Be("app");
        daemon.Lines.Should().NotContain(line => line.Is("tls", Uncovered) && line.Field("host") == "app." + EndToEndHarness.StackDomain, "*.e2e.test covers app.e2e.test");
        scrape.Value("rancher_haproxy_certificate_uncovered_hosts").Should().Be(1, "only the two-label host is uncovered");
        (await Harness.Probe.GetAsync("app." + EndToEndHarness.StackDomain)).Backend.Should().Be("app-1");
    }

    private string CertificateDirectory()
    {
        var directory = Harness.Directory.Combine("certs");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private Task<DaemonProcess> StartWithCertificatesAsync(string directory) =>
        Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["ENABLE_SSL"] = "true", ["HAPROXY_SSL_CERT_DIR"] = directory });

    private Task<DaemonLogLine> WaitForUncoveredAsync(string host, int fromIndex) =>
        Harness.Daemon.WaitForLineAsync(
            line => line.Is("tls", Uncovered) && line.Field("host") == host, EndToEndHarness.ChangeTimeout, $"'{Uncovered}' host={host}", fromIndex);

    private static void StatusTimeWithin(string? text, DateTimeOffset expected)
    {
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            .Should().BeTrue("not_after is an ISO time ({0})", text);
        text.Should().EndWith("Z");
        parsed.Should().BeCloseTo(expected, TimeSpan.FromSeconds(1));
    }
}

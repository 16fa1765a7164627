using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Tls;

/// <summary>The watch on real files and a fake clock: the crt-list's certificates, the hourly timer, the applied hosts.</summary>
public sealed class CertificateWatchTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public void Timer_CertificateFor15Days_WarnsWhen14DaysLeftThenWhenExpired()
    {
        // Arrange
        var (watch, lines) = Watch(("site.pem", CertificateBuilder.CombinedPem("CN=site.example.com", ["site.example.com"], Now.AddDays(-1), Now.AddDays(15))));

        // Act / Assert: nothing at 15 days, one line once 14 are left, one at expiry.
        watch.Start();
        lines().Should().BeEmpty();
        _clock.Advance(TimeSpan.FromHours(23));
        lines().Should().BeEmpty();
        _clock.Advance(TimeSpan.FromHours(1));
        lines().Should().ContainSingle().Which.Should().EndWith(
            "warn  tls: certificate expires soon certificate=site.pem subject=site.example.com not_after=2026-12-16T14:00:00Z days=14");
        _clock.Advance(TimeSpan.FromDays(13));
        lines().Should().HaveCount(1);
        _clock.Advance(TimeSpan.FromDays(1));
        lines().Should().HaveCount(2);
        lines()[1].Should().EndWith("warn  tls: certificate expired certificate=site.pem subject=site.example.com not_after=2026-12-16T14:00:00Z");
        _clock.Advance(TimeSpan.FromDays(3));
        lines().Should().HaveCount(2);
        watch.Current.Certificates.Should().ContainSingle().Which.NotAfter.Should().Be(Now.AddDays(15));
    }

    [Fact]
    public void RoutesApplied_HostOutsideTheCertificate_WarnsOnceAndReportsIt()
    {
        // Arrange
        var (watch, lines) = Watch(("wild.pem", CertificateBuilder.CombinedPem(Now, TimeSpan.FromDays(90), "*.example.com")));
        var result = new RoutingResult(new RoutingTable([Backend("app", "app.example.com", "app.example.org")]), []);
        watch.Start();

        // Act
        watch.RoutesApplied(result);
        watch.RoutesApplied(result);
        _clock.Advance(CertificateWatch.Interval);

        // Assert
        lines().Should().ContainSingle().Which.Should().EndWith("warn  tls: no certificate covers host host=app.example.org stack=app");
        watch.Current.UncoveredHosts.Should().Equal("app.example.org");
    }

    [Fact]
    public void Check_PlaceholderAndGarbage_PlaceholderUnreportedGarbageWarnedOnce()
    {
        // Arrange: the placeholder is listed by path, as the crt-list does while nothing else is known.
        var (watch, lines) = Watch(("garbage.pem", "-----BEGIN CERTIFICATE-----\nMIQ/////AAAA\n-----END CERTIFICATE-----\n"));

        // Act
        watch.Check([]);
        watch.Check([]);

        // Assert
        lines().Should().ContainSingle().Which.Should().Contain("warn  tls: cannot read certificate certificate=garbage.pem error=");
        watch.Current.Certificates.Should().BeEmpty();
    }

    [Fact]
    public void Check_ManagedCertificate_NamedMetadata()
    {
        // Arrange
        var (watch, _) = Watch(("server.pem", CertificateBuilder.CombinedPem(Now, TimeSpan.FromDays(90), "shop.example.com")));

        // Act
        watch.Check([]);

        // Assert
        watch.Current.Certificates.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new CertificateFacts("metadata", "shop.example.com", ["shop.example.com"], Now.AddDays(90)),
            options => options.Using<DateTimeOffset>(context => context.Subject.Should().BeCloseTo(context.Expectation, TimeSpan.FromSeconds(1))).WhenTypeIs<DateTimeOffset>());
    }

    public void Dispose() => _directory.Dispose();

    private static StackBackend Backend(string stack, params string[] hosts) => new($"stack_{stack}", stack, hosts, []);

    /// <summary>A crt-list naming the placeholder and the given PEMs; server.pem is HAPROXY_SSL_CERT built from metadata.</summary>
    private (CertificateWatch Watch, Func<IReadOnlyList<string>> Lines) Watch(params (string Name, string Pem)[] pems)
    {
        var placeholder = _directory.Combine("placeholder.pem");
        File.WriteAllText(placeholder, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        var paths = new List<string> { placeholder };
        foreach (var (name, pem) in pems)
        {
            paths.Add(_directory.Combine(name));
            File.WriteAllText(paths[^1], pem);
        }

        var crtList = _directory.Combine("crt-list.txt");
        File.WriteAllText(crtList, "# Generated\n" + string.Join('\n', paths) + "\n");
        var options = new CertificateOptions(true, _directory.Combine("server.pem"), CertificateMounted: false, false, placeholder);
        var captured = TestLogger.Capturing("tls", out var lines);
        return (new CertificateWatch(new CertificateFiles(options, crtList), captured, _clock), lines);
    }
}

using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Tls;

/// <summary>Each warning once per change of state; the report follows every check.</summary>
public sealed class CertificateCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(30 * 24, (int)CertificateExpiry.Valid)]
    [InlineData(14 * 24 + 1, (int)CertificateExpiry.Valid)]
    [InlineData(14 * 24, (int)CertificateExpiry.ExpiresSoon)]
    [InlineData(1, (int)CertificateExpiry.ExpiresSoon)]
    [InlineData(0, (int)CertificateExpiry.Expired)]
    [InlineData(-5, (int)CertificateExpiry.Expired)]
    public void StateAt_HoursLeft_State(int hours, int expected) =>
        CertificateCheck.StateAt(Now.AddHours(hours), Now).Should().Be((CertificateExpiry)expected);

    [Fact]
    public void Evaluate_ExpiresIn7Days_OneWarningWithDaysThenNothing()
    {
        // Arrange
        var files = new[] { File("site.pem", Now.AddDays(7)) };

        // Act
        var first = CertificateCheck.Evaluate(CertificateCheckState.Initial, files, [], Now);
        var second = CertificateCheck.Evaluate(first.State, files, null, Now.AddHours(1));

        // Assert
        Lines(first.Notices).Should().Equal("certificate expires soon certificate=site.pem subject=site.example.com not_after=2026-12-08T14:00:00Z days=7");
        second.Notices.Should().BeEmpty();
        first.Report.Certificates.Should().ContainSingle().Which.Name.Should().Be("site.pem");
    }

    [Fact]
    public void Evaluate_ClockPassesNotAfter_ExpiredOnce()
    {
        // Arrange
        var files = new[] { File("site.pem", Now.AddHours(2)) };
        var soon = CertificateCheck.Evaluate(CertificateCheckState.Initial, files, [], Now);

        // Act
        var expired = CertificateCheck.Evaluate(soon.State, files, null, Now.AddHours(2));
        var later = CertificateCheck.Evaluate(expired.State, files, null, Now.AddHours(3));

        // Assert
        Lines(soon.Notices).Should().Equal("certificate expires soon certificate=site.pem subject=site.example.com not_after=2026-12-01T16:00:00Z days=1");
        Lines(expired.Notices).Should().Equal("certificate expired certificate=site.pem subject=site.example.com not_after=2026-12-01T16:00:00Z");
        later.Notices.Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_RenewedStillSoon_WarnsForTheNewCertificate()
    {
        // Arrange
        var before = CertificateCheck.Evaluate(CertificateCheckState.Initial, [File("site.pem", Now.AddDays(3))], [], Now);

        // Act
        var renewed = CertificateCheck.Evaluate(before.State, [File("site.pem", Now.AddDays(10))], null, Now);
        var valid = CertificateCheck.Evaluate(renewed.State, [File("site.pem", Now.AddDays(90))], null, Now);

        // Assert
        Lines(renewed.Notices).Should().ContainSingle().Which.Should().Contain("days=10");
        valid.Notices.Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_HostsNoCertificateCovers_OncePerHostUntilItChanges()
    {
        // Arrange
        var files = new[] { File("site.pem", Now.AddDays(90), "*.example.com") };
        (string, string)[] hosts = [("app.example.com", "app"), ("app.example.org", "app"), ("b.example.net", "b")];

        // Act
        var first = CertificateCheck.Evaluate(CertificateCheckState.Initial, files, hosts, Now);
        var again = CertificateCheck.Evaluate(first.State, files, hosts, Now);
        var timer = CertificateCheck.Evaluate(again.State, files, null, Now.AddHours(1));
        var covered = CertificateCheck.Evaluate(timer.State, [.. files, File("org.pem", Now.AddDays(90), "app.example.org")], hosts, Now);
        var uncoveredAgain = CertificateCheck.Evaluate(covered.State, files, hosts, Now);

        // Assert
        Lines(first.Notices).Should().Equal(
            "no certificate covers host host=app.example.org stack=app",
            "no certificate covers host host=b.example.net stack=b");
        first.Report.UncoveredHosts.Should().Equal("app.example.org", "b.example.net");
        again.Notices.Should().BeEmpty();
        timer.Notices.Should().BeEmpty();
        timer.Report.UncoveredHosts.Should().HaveCount(2);
        covered.Notices.Should().BeEmpty();
        covered.Report.UncoveredHosts.Should().Equal("b.example.net");
        Lines(uncoveredAgain.Notices).Should().Equal("no certificate covers host host=app.example.org stack=app");
    }

    [Fact]
    public void Evaluate_ManyUncoveredHosts_TwentyLinesThenACount()
    {
        // Arrange
        var hosts = Enumerable.Range(0, 25).Select(index => ($"h{index:00}.example.org", $"s{index:00}")).ToArray();

        // Act
        var result = CertificateCheck.Evaluate(CertificateCheckState.Initial, [File("site.pem", Now.AddDays(90))], hosts, Now);

        // Assert
        var lines = Lines(result.Notices);
        lines.Should().HaveCount(21);
        lines[0].Should().Be("no certificate covers host host=h00.example.org stack=s00");
        lines[^1].Should().Be("more hosts without a certificate count=5");
        result.Report.UncoveredHosts.Should().HaveCount(25);
    }

    [Fact]
    public void Evaluate_UnreadableCertificate_OnceUntilTheErrorChanges()
    {
        // Arrange
        var bad = new CertificateFile("broken.pem", null, "no block");

        // Act
        var first = CertificateCheck.Evaluate(CertificateCheckState.Initial, [bad], [], Now);
        var same = CertificateCheck.Evaluate(first.State, [bad], null, Now);
        var fixedFile = CertificateCheck.Evaluate(same.State, [File("broken.pem", Now.AddDays(90))], null, Now);
        var brokenAgain = CertificateCheck.Evaluate(fixedFile.State, [bad], null, Now);

        // Assert
        Lines(first.Notices).Should().Equal("cannot read certificate certificate=broken.pem error=no block");
        same.Notices.Should().BeEmpty();
        fixedFile.Notices.Should().BeEmpty();
        brokenAgain.Notices.Should().HaveCount(1);
        first.Report.Certificates.Should().BeEmpty();
    }

    private static CertificateFile File(string name, DateTimeOffset notAfter, params string[] dnsNames) =>
        new(name, new CertificateFacts(name, "site.example.com", dnsNames, notAfter), null);

    private static List<string> Lines(IEnumerable<CertificateNotice> notices) =>
        [.. notices.Select(notice => string.Join(' ', [notice.Message, .. notice.Fields.Select(field => $"{field.Key}={field.Value}")]))];
}

using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Tls;

/// <summary>Exact SAN, one-label wildcard SAN, CN only without SANs; case does not matter.</summary>
public sealed class CertificateCoverageTests
{
    [Theory]
    [InlineData("app.example.com", "app.example.com", true)]
    [InlineData("APP.Example.com", "app.example.com", true)]
    [InlineData("*.example.com", "app.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", ".example.com", false)]
    [InlineData("app.example.com", "app.example.com.evil.net", false)]
    [InlineData("example.com", "app.example.com", false)]
    [InlineData("*", "app", false)]
    [InlineData("", "app.example.com", false)]
    [InlineData("app.example.com.", "app.example.com", true)]
    public void Matches_NameAndHost(string name, string host, bool expected) =>
        CertificateCoverage.Matches(name, host).Should().Be(expected);

    [Fact]
    public void Covers_WithSans_CnIgnored()
    {
        // Arrange
        var certificate = new CertificateFacts("a.pem", "cn.example.com", ["san.example.com"], DateTimeOffset.MaxValue);

        // Act / Assert
        CertificateCoverage.Covers(certificate, "san.example.com").Should().BeTrue();
        CertificateCoverage.Covers(certificate, "cn.example.com").Should().BeFalse();
    }

    [Fact]
    public void Covers_WithoutSans_Cn()
    {
        // Arrange
        var certificate = new CertificateFacts("a.pem", "*.example.com", [], DateTimeOffset.MaxValue);

        // Act / Assert
        CertificateCoverage.Covers(certificate, "shop.example.com").Should().BeTrue();
        CertificateCoverage.Covers(certificate, "shop.example.org").Should().BeFalse();
    }
}

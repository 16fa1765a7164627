using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Tls;

/// <summary>Plans compare by value: an unchanged certificate directory must read as unchanged.</summary>
public sealed class CertificatePlanTests
{
    [Fact]
    public void SameAs_EqualItemsInOtherLists_IsTrue()
    {
        // Arrange
        var plan = new CertificatePlan(["/a.pem", "/b.pem"], "pem", false);

        // Act / Assert
        plan.SameAs(new CertificatePlan(new List<string> { "/a.pem", "/b.pem" }, "pem", false)).Should().BeTrue();
    }

    [Theory]
    [InlineData("/a.pem", "pem", false)]
    [InlineData("/a.pem,/c.pem", "pem", false)]
    [InlineData("/b.pem,/a.pem", "pem", false)]
    [InlineData("/a.pem,/b.pem", "other", false)]
    [InlineData("/a.pem,/b.pem", null, false)]
    [InlineData("/a.pem,/b.pem", "pem", true)]
    public void SameAs_AnyDifference_IsFalse(string certificates, string? managedPem, bool placeholder)
    {
        // Arrange
        var plan = new CertificatePlan(["/a.pem", "/b.pem"], "pem", false);

        // Act / Assert
        plan.SameAs(new CertificatePlan(certificates.Split(','), managedPem, placeholder)).Should().BeFalse();
    }
}

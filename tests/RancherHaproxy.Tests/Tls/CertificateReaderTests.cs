using System.Security.Cryptography.X509Certificates;
using RancherHaproxy.Tests.TestSupport;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Tls;

/// <summary>The managed reader agrees with .NET's X.509 code on real certificates, and says "no" to anything else without throwing.</summary>
public sealed class CertificateReaderTests
{
    private static readonly DateTimeOffset NotBefore = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryRead_CertificateWithSans_SubjectDnsNamesAndNotAfter()
    {
        // Arrange
        var notAfter = new DateTimeOffset(2027, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var pem = CertificateBuilder.CombinedPem("CN=shop.example.com, O=Example", ["shop.example.com", "*.review.example.com"], NotBefore, notAfter);

        // Act
        var summary = CertificateReader.TryRead(pem, out var error);

        // Assert
        error.Should().BeNull();
        summary.Should().NotBeNull();
        summary!.Subject.Should().Be("shop.example.com");
        summary.DnsNames.Should().Equal("shop.example.com", "*.review.example.com");
        summary.NotAfter.Should().Be(notAfter);
        summary.NotAfter.Should().Be(new DateTimeOffset(X509Certificate2.CreateFromPem(pem).NotAfter.ToUniversalTime()));
    }

    [Theory]
    [InlineData(2049)] // UTCTime, the last year it holds
    [InlineData(2050)] // GeneralizedTime from here on (RFC 5280)
    [InlineData(2100)]
    public void TryRead_NotAfterEitherTimeType_Read(int year)
    {
        // Arrange
        var notAfter = new DateTimeOffset(year, 12, 31, 23, 59, 59, TimeSpan.Zero);
        var pem = CertificateBuilder.CombinedPem("CN=a.example.com", [], NotBefore, notAfter);

        // Act / Assert
        CertificateReader.TryRead(pem, out _)!.NotAfter.Should().Be(notAfter);
    }

    [Fact]
    public void TryRead_NoSanNoCn_EmptyLists()
    {
        // Arrange
        var pem = CertificateBuilder.CombinedPem("O=Nobody", [], NotBefore, NotBefore.AddDays(90));

        // Act
        var summary = CertificateReader.TryRead(pem, out _)!;

        // Assert
        summary.Subject.Should().BeEmpty();
        summary.DnsNames.Should().BeEmpty();
    }

    [Fact]
    public void TryRead_Chain_TheFirstCertificateIsTheLeaf()
    {
        // Arrange
        var leaf = CertificateBuilder.CombinedPem("CN=leaf.example.com", ["leaf.example.com"], NotBefore, NotBefore.AddDays(10));
        var issuer = CertificateBuilder.CombinedPem("CN=Issuer", [], NotBefore, NotBefore.AddDays(1000));

        // Act / Assert
        CertificateReader.TryRead(leaf + issuer, out _)!.Subject.Should().Be("leaf.example.com");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a pem at all")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB")]
    [InlineData("-----BEGIN CERTIFICATE-----\n!!!! not base64 ****\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIQ/////AAAA\n-----END CERTIFICATE-----\n")] // SEQUENCE of length 0xFFFFFFFF
    [InlineData("-----BEGIN CERTIFICATE-----\nMIAwgAAAAAAA\n-----END CERTIFICATE-----\n")] // indefinite lengths, nothing inside
    [InlineData("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n")] // empty SEQUENCE
    [InlineData("-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n")]
    public void TryRead_Garbage_NullWithAnError(string pem)
    {
        // Act
        var summary = CertificateReader.TryRead(pem, out var error);

        // Assert
        summary.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void TryRead_EveryTruncationAndEveryFlippedByte_NeverThrows()
    {
        // Arrange
        var der = X509Certificate2.CreateFromPem(CertificateBuilder.CombinedPem("CN=t.example.com", ["t.example.com"], NotBefore, NotBefore.AddDays(30))).RawData;
        var random = new Random(14);

        // Act / Assert: no exception escapes, whatever the bytes.
        for (var length = 0; length < der.Length; length++)
        {
            Read(der[..length]).Should().BeNull($"{length} of {der.Length} bytes are not a certificate");
        }

        for (var round = 0; round < 2000; round++)
        {
            var damaged = (byte[])der.Clone();
            damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            var bytes = new byte[random.Next(1, 64)];
            random.NextBytes(bytes);
            _ = Read(damaged);
            Read(bytes).Should().BeNull();
        }
    }

    private static X509Summary? Read(byte[] der) =>
        CertificateReader.TryRead($"-----BEGIN CERTIFICATE-----\n{Convert.ToBase64String(der)}\n-----END CERTIFICATE-----\n", out _);
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>A self-signed ECDSA certificate and key in one PEM, valid from yesterday until a chosen time, for the certificate checks.</summary>
internal sealed record DatedCertificate(string CombinedPem, DateTimeOffset NotAfter)
{
    /// <param name="dnsNames">The DNS SANs; the first is also the subject's CN.</param>
    public static DatedCertificate Create(TimeSpan validFor, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now + validFor);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        return new DatedCertificate(certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n", notAfter);
    }

    public async Task WriteAsync(string path) => await File.WriteAllTextAsync(path, CombinedPem);
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>A self-signed ECDSA certificate made at test time: the PEM texts service metadata carries, and its thumbprint.</summary>
internal sealed record TestCertificate(string CertificatePem, string KeyPem, string Thumbprint)
{
    public static TestCertificate Create(params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return new TestCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), certificate.Thumbprint);
    }

    /// <summary>The key without its PEM armour: a fragment that must never appear in the daemon's output.</summary>
    public string KeyBody => KeyPem.Split('\n')[1].Trim();

    /// <summary>Certificate and key in one file, the way HAProxy loads them.</summary>
    public string CombinedPem => CertificatePem + "\n" + KeyPem + "\n";
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// Self-signed certificates with a chosen subject, SANs and validity, made by the test process with
/// .NET's own X.509 code: the yardstick for the daemon's managed reader.
/// </summary>
internal static class CertificateBuilder
{
    /// <summary>Certificate then key, as HAProxy loads a PEM.</summary>
    /// <param name="subject">A distinguished name, e.g. <c>CN=example.com</c>, or empty for none.</param>
    public static string CombinedPem(string subject, IReadOnlyList<string> dnsNames, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName(subject), key, HashAlgorithmName.SHA256);
        if (dnsNames.Count > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                names.AddDnsName(name);
            }

            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    /// <summary>A certificate for <paramref name="dnsNames"/> (CN = the first) valid from a day before <paramref name="now"/> for <paramref name="lifetime"/>.</summary>
    public static string CombinedPem(DateTimeOffset now, TimeSpan lifetime, params string[] dnsNames) =>
        CombinedPem($"CN={dnsNames[0]}", dnsNames, now.AddDays(-1), now + lifetime);
}

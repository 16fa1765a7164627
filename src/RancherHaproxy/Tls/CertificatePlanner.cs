using System.Text;
using RancherHaproxy.Discovery;

namespace RancherHaproxy.Tls;

/// <summary>
/// Decides which certificates the TLS frontend loads: a mounted HAPROXY_SSL_CERT as is, else one
/// built from service metadata (ssl_cert + ssl_key), then every PEM of HAPROXY_SSL_CERT_DIR; the
/// placeholder only when there is nothing else. Pure: the directory listing comes in as a list.
/// Problems name the metadata key, never its content.
/// </summary>
internal static class CertificatePlanner
{
    /// <summary>The first line of a PEM the daemon wrote; a file without it is the user's.</summary>
    public const string ManagedHeader = "# Written by rancher-haproxy from service metadata (ssl_cert, ssl_key); replaced when they change.";

    public static CertificatePlan Plan(
        CertificateOptions options, ServiceMetadata service, IReadOnlyList<string> directoryCertificates, List<string> problems)
    {
        if (!options.Enabled)
        {
            return CertificatePlan.Disabled;
        }

        var certificates = new List<string>();
        string? managedPem = null;
        if (options.CertificateMounted)
        {
            certificates.Add(options.CertificatePath);
        }
        else if (service.SslCertificate is not null || service.SslKey is not null)
        {
            managedPem = BuildPem(service, options.Base64Encoded, problems);
            if (managedPem is not null)
            {
                certificates.Add(options.CertificatePath);
            }
        }

        certificates.AddRange(directoryCertificates.Order(StringComparer.Ordinal));
        if (certificates.Count == 0)
        {
            return new CertificatePlan([options.PlaceholderPath], null, UsesPlaceholder: true);
        }

        return new CertificatePlan(certificates, managedPem, UsesPlaceholder: false);
    }

    private static string? BuildPem(ServiceMetadata service, bool base64Encoded, List<string> problems)
    {
        var certificate = Decode("ssl_cert", service.SslCertificate, base64Encoded, problems);
        var key = Decode("ssl_key", service.SslKey, base64Encoded, problems);
        if (certificate is null || key is null)
        {
            if (service.SslCertificate is null || service.SslKey is null)
            {
                problems.Add($"service metadata has {(service.SslCertificate is null ? "ssl_key but no ssl_cert" : "ssl_cert but no ssl_key")}; the certificate in use stays");
            }

            return null;
        }

        if (!PemShape.IsCertificate(certificate))
        {
            problems.Add("service metadata ssl_cert is not a PEM certificate (-----BEGIN CERTIFICATE-----); the certificate in use stays");
            return null;
        }

        if (!PemShape.IsPrivateKey(key))
        {
            problems.Add("service metadata ssl_key is not a PEM private key (-----BEGIN … PRIVATE KEY-----); the certificate in use stays");
            return null;
        }

        return new StringBuilder(ManagedHeader).Append('\n')
            .Append(certificate.Trim()).Append('\n')
            .Append(key.Trim()).Append('\n')
            .ToString();
    }

    private static string? Decode(string key, string? value, bool base64Encoded, List<string> problems)
    {
        if (value is null || !base64Encoded)
        {
            return value?.Replace("\r\n", "\n", StringComparison.Ordinal);
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value)).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            problems.Add($"service metadata {key} is not valid base64 (SSL_BASE64_ENCODED=true); the certificate in use stays");
            return null;
        }
    }
}

namespace RancherHaproxy.Tls;

/// <summary>Where certificates come from and go to.</summary>
/// <param name="Enabled">ENABLE_SSL.</param>
/// <param name="CertificatePath">HAPROXY_SSL_CERT.</param>
/// <param name="CertificateMounted">HAPROXY_SSL_CERT existed at start and was not written by the daemon: used as is.</param>
/// <param name="Base64Encoded">SSL_BASE64_ENCODED: ssl_cert and ssl_key are base64 in service metadata.</param>
/// <param name="PlaceholderPath">Where the placeholder certificate was written.</param>
internal sealed record CertificateOptions(
    bool Enabled,
    string CertificatePath,
    bool CertificateMounted,
    bool Base64Encoded,
    string PlaceholderPath);

namespace RancherHaproxy.Configuration;

/// <summary>ENABLE_SSL and its companions (the original image's names and defaults), and HAPROXY_SSL_CERT_DIR.</summary>
internal sealed record TlsSettings(
    bool Enabled,
    bool Redirect,
    int RedirectStatus,
    bool Base64Encoded,
    string CertificatePath,
    string? CertificateDirectory);

namespace RancherHaproxy.Tls;

/// <summary>Where a certificate stands against its notAfter.</summary>
internal enum CertificateExpiry
{
    Valid,

    /// <summary>Within <see cref="CertificateCheck.ExpiryWarning"/> of notAfter.</summary>
    ExpiresSoon,

    /// <summary>At or after notAfter.</summary>
    Expired,
}

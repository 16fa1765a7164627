using RancherHaproxy.Rendering;

namespace RancherHaproxy.Sync;

/// <summary>
/// What a check did: the config now installed (null when refused), and whether only the certificate
/// was refused (the routes were installed with the certificate in use).
/// </summary>
internal sealed record InstallOutcome(RenderedConfig? Installed, bool CertificateRefused)
{
    public static InstallOutcome Refused { get; } = new(null, false);
}

namespace RancherHaproxy.Tls;

/// <summary>
/// The TLS side of one render: the PEM files the certificate list names (the first is the default
/// certificate), and the content of the PEM the daemon manages from service metadata, if any.
/// </summary>
/// <param name="ManagedPem">What HAPROXY_SSL_CERT should hold, or null when the daemon does not write it.</param>
/// <param name="UsesPlaceholder">True while no real certificate is known.</param>
internal sealed record CertificatePlan(IReadOnlyList<string> Certificates, string? ManagedPem, bool UsesPlaceholder)
{
    public static CertificatePlan Disabled { get; } = new([], null, false);

    /// <summary>Value equality, the list by its items (the record's own compares the list's reference).</summary>
    public bool SameAs(CertificatePlan other) =>
        ManagedPem == other.ManagedPem && UsesPlaceholder == other.UsesPlaceholder && Certificates.SequenceEqual(other.Certificates, StringComparer.Ordinal);

    public override string ToString() =>
        $"CertificatePlan {{ Certificates = [{string.Join(", ", Certificates)}], ManagedPem = {(ManagedPem is null ? "none" : "***")}, UsesPlaceholder = {UsesPlaceholder} }}";
}

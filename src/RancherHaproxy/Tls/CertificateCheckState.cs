namespace RancherHaproxy.Tls;

/// <summary>What the last check saw, so that each warning is logged once per change. Replaced whole, never changed in place.</summary>
/// <param name="Expiry">Certificate name → its expiry state and notAfter when last checked.</param>
/// <param name="Errors">Certificate name → why it could not be read.</param>
/// <param name="Hosts">The routed hosts and their stacks, as the last apply gave them.</param>
/// <param name="Uncovered">The routed hosts no certificate covered.</param>
internal sealed record CertificateCheckState(
    IReadOnlyDictionary<string, (CertificateExpiry State, DateTimeOffset NotAfter)> Expiry,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<(string Host, string Stack)> Hosts,
    IReadOnlySet<string> Uncovered)
{
    public static CertificateCheckState Initial { get; } = new(
        new Dictionary<string, (CertificateExpiry, DateTimeOffset)>(StringComparer.Ordinal),
        new Dictionary<string, string>(StringComparer.Ordinal),
        [],
        new HashSet<string>(StringComparer.Ordinal));
}

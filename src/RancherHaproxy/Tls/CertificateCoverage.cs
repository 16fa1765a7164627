namespace RancherHaproxy.Tls;

/// <summary>
/// Whether a certificate serves a host name, as a browser decides it (RFC 6125): an exact DNS SAN,
/// or a `*.` wildcard SAN standing for exactly one label; the subject CN only when there is no DNS
/// SAN at all. Case-insensitive. Pure.
/// </summary>
internal static class CertificateCoverage
{
    public static bool Covers(CertificateFacts certificate, string host) =>
        certificate.DnsNames.Count > 0
            ? certificate.DnsNames.Any(name => Matches(name, host))
            : Matches(certificate.Subject, host);

    public static bool Matches(string name, string host)
    {
        name = name.TrimEnd('.');
        if (name.Length == 0)
        {
            return false;
        }

        if (!name.StartsWith("*.", StringComparison.Ordinal))
        {
            return string.Equals(name, host, StringComparison.OrdinalIgnoreCase);
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(name[2..], host[(dot + 1)..], StringComparison.OrdinalIgnoreCase);
    }
}

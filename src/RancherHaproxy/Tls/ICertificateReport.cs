namespace RancherHaproxy.Tls;

/// <summary>
/// What the daemon knows about the certificates it hands HAProxy, for /status and /metrics: read at
/// any time from any thread, so <see cref="Current"/> is an immutable snapshot swapped as a whole.
/// </summary>
internal interface ICertificateReport
{
    CertificateReportSnapshot Current { get; }
}

/// <summary>One certificate HAProxy loads: a low-cardinality name (a file name, "metadata"), its subject's CN, its DNS names and its expiry.</summary>
internal sealed record CertificateFacts(string Name, string Subject, IReadOnlyList<string> DnsNames, DateTimeOffset NotAfter);

/// <summary>The certificates in use and the routed hosts none of them covers.</summary>
internal sealed record CertificateReportSnapshot(IReadOnlyList<CertificateFacts> Certificates, IReadOnlyList<string> UncoveredHosts)
{
    public static CertificateReportSnapshot Empty { get; } = new([], []);
}

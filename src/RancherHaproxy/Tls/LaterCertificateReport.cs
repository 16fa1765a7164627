namespace RancherHaproxy.Tls;

/// <summary>
/// The report of a watch that exists only later: the health endpoint starts before the certificates
/// are prepared, and answers <see cref="CertificateReportSnapshot.Empty"/> until the watch is set.
/// </summary>
internal sealed class LaterCertificateReport : ICertificateReport
{
    private ICertificateReport? _inner;

    public CertificateReportSnapshot Current => Volatile.Read(ref _inner)?.Current ?? CertificateReportSnapshot.Empty;

    public void Set(ICertificateReport? report) => Volatile.Write(ref _inner, report);
}

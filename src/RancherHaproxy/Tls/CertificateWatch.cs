using RancherHaproxy.Logging;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Tls;

/// <summary>
/// With ENABLE_SSL: reads the certificates HAProxy loads after every apply (<see cref="RoutesApplied"/>)
/// and every <see cref="Interval"/> (expiry moves with the clock; a file replaced in place is read
/// again), logs <see cref="CertificateCheck"/>'s warnings, and keeps the report /status and
/// /metrics read. Never throws into the sync loop or the timer.
/// </summary>
internal sealed class CertificateWatch(CertificateFiles files, Logger logger, TimeProvider timeProvider) : ICertificateReport, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private CertificateCheckState _state = CertificateCheckState.Initial;
    private volatile CertificateReportSnapshot _current = CertificateReportSnapshot.Empty;
    private ITimer? _timer;
    private bool _failing;

    public CertificateReportSnapshot Current => _current;

    /// <summary>Checks the certificates at once (no hosts known yet), then every <see cref="Interval"/>.</summary>
    public void Start()
    {
        Check(null);
        _timer = timeProvider.CreateTimer(_ => Check(null), null, Interval, Interval);
    }

    /// <summary>HAProxy routes <paramref name="result"/> now, with the certificate list just installed.</summary>
    public void RoutesApplied(RoutingResult result) =>
        Check([.. result.Table.Backends.SelectMany(backend => backend.Hosts.Select(host => (host, backend.Stack)))]);

    public void Dispose() => _timer?.Dispose();

    /// <param name="hosts">The routed hosts; null to keep the last ones.</param>
    public void Check(IReadOnlyList<(string Host, string Stack)>? hosts)
    {
        lock (_gate)
        {
            try
            {
                var (state, report, notices) = CertificateCheck.Evaluate(_state, files.Read(), hosts, timeProvider.GetUtcNow());
                (_state, _current, _failing) = (state, report, false);
                foreach (var notice in notices)
                {
                    logger.Warn(notice.Message, [.. notice.Fields]);
                }
            }
            catch (Exception exception) when (!_failing)
            {
                // A bug here must not take routing down; the last report stays.
                _failing = true;
                logger.Error("certificate check failed", ("error", exception.Message));
            }
            catch (Exception)
            {
                // Already said once.
            }
        }
    }
}

using RancherHaproxy.Haproxy;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Operations;

/// <summary>Everything one request to the health endpoint looks at, read once when it arrives.</summary>
/// <param name="Certificates">The certificates in use; null without ENABLE_SSL.</param>
internal sealed record HealthView(
    OperationsSnapshot Snapshot,
    OperationsCounters Counters,
    long RuntimeApplies,
    bool ShuttingDown,
    TimeSpan HeartbeatAge,
    HaproxyState Haproxy,
    CertificateReportSnapshot? Certificates,
    DateTimeOffset Now);

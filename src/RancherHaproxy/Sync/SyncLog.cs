using RancherHaproxy.Logging;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Sync;

/// <summary>The sync loop's log lines (component "sync"), in one place.</summary>
internal static class SyncLog
{
    /// <summary>fetch_ms: reading and parsing the metadata; ms: from the parsed answer to routes applied.</summary>
    public static void Applied(Logger logger, RoutingTable table, TimeSpan fetch, TimeSpan elapsed) =>
        logger.Info("routes applied", ("backends", table.Backends.Count), ("servers", table.ServerCount),
            ("hosts", table.HostCount), ("reload", true), ("fetch_ms", (long)fetch.TotalMilliseconds), ("ms", (long)elapsed.TotalMilliseconds));

    public static void AppliedAtRuntime(Logger logger, RoutingTable table, int operations, TimeSpan fetch, TimeSpan elapsed) =>
        logger.Info("routes applied", ("backends", table.Backends.Count), ("servers", table.ServerCount),
            ("hosts", table.HostCount), ("runtime_changes", operations), ("reload", false),
            ("fetch_ms", (long)fetch.TotalMilliseconds), ("ms", (long)elapsed.TotalMilliseconds));

    /// <summary>The phases of the apply just logged (<see cref="CycleBreakdown"/>), at debug.</summary>
    public static void Breakdown(Logger logger, CycleBreakdown breakdown)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.Debug("apply breakdown", breakdown.Fields());
        }
    }

    public static void ServerRemoved(Logger logger, string backend, string server) =>
        logger.Info("drained server removed", ("backend", backend), ("server", server));

    /// <summary>
    /// built=false: routing read nothing new in the answer, so no table was built or rendered.
    /// fetch_ms, fetch_kb: reading and parsing the answer (time, bytes allocated); after_fetch_kb: allocated since.
    /// </summary>
    public static void Unchanged(Logger logger, int containers, bool built, TimeSpan fetch, long fetchAllocated, long allocatedSince) =>
        logger.Debug("metadata changed, routes did not", ("containers", containers), ("built", built),
            ("fetch_ms", (long)fetch.TotalMilliseconds), ("fetch_kb", fetchAllocated / 1024), ("after_fetch_kb", allocatedSince / 1024));

    public static void CheckFailed(Logger logger, string mainConfig, IReadOnlyList<string> errorLines)
    {
        logger.Error("config check failed; the running config stays", ("config", mainConfig), ("lines", errorLines.Count));
        foreach (var line in errorLines)
        {
            logger.Error("haproxy -c: " + line);
        }
    }

    public static void CertificateRejected(Logger logger, IReadOnlyList<string> errorLines)
    {
        logger.Error("certificate from service metadata (ssl_cert, ssl_key) refused by haproxy -c; the certificate in use stays, routes are applied");
        foreach (var line in errorLines)
        {
            logger.Error("haproxy -c: " + line);
        }
    }

    public static void Placeholder(Logger logger, bool inUse)
    {
        if (inUse)
        {
            logger.Warn("TLS serves the self-signed placeholder certificate until ssl_cert/ssl_key, HAPROXY_SSL_CERT or HAPROXY_SSL_CERT_DIR provide one");
        }
        else
        {
            logger.Info("TLS certificate from configuration in use; placeholder retired");
        }
    }

    public static void ReloadFailed(Logger logger, string detail) =>
        logger.Error("reload failed; the old worker keeps serving", ("detail", detail));

    public static void SourceFailed(Logger logger, string source, string message) =>
        logger.Error("metadata unavailable; last good routes keep serving", ("source", source), ("error", message));

    public static void SourceRecovered(Logger logger, string source) =>
        logger.Info("metadata available again", ("source", source));

    public static void WriteFailed(Logger logger, string message) =>
        logger.Error("cannot write the config files; the running config stays, retrying", ("error", message));

    public static void WriteRecovered(Logger logger) =>
        logger.Info("config files written again");

    public static void ConfirmingRemoval(Logger logger, int running, int answered) =>
        logger.Warn("metadata would remove more than half of the servers; reading it again before applying",
            ("servers_running", running), ("servers_answered", answered));

    public static void ResyncRequested(Logger logger) =>
        logger.Info("resync requested (SIGHUP): reading metadata now");
}

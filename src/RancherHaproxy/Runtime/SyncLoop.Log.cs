using RancherHaproxy.Logging;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Runtime;

/// <summary>The sync loop's log lines, in one place.</summary>
internal sealed partial class SyncLoop
{
    private static class Log
    {
        public static void Applied(Logger logger, RoutingTable table, TimeSpan elapsed) =>
            logger.Info("routes applied", ("backends", table.Backends.Count), ("servers", table.ServerCount),
                ("hosts", table.HostCount), ("ms", (long)elapsed.TotalMilliseconds));

        public static void Unchanged(Logger logger, int containers) =>
            logger.Debug("metadata changed, routes did not", ("containers", containers));

        public static void CheckFailed(Logger logger, string mainConfig, IReadOnlyList<string> errorLines)
        {
            logger.Error("config check failed; the running config stays", ("config", mainConfig), ("lines", errorLines.Count));
            foreach (var line in errorLines)
            {
                logger.Error("haproxy -c: " + line);
            }
        }

        public static void ReloadFailed(Logger logger, string detail) =>
            logger.Error("reload failed; the old worker keeps serving", ("detail", detail));

        public static void SourceFailed(Logger logger, string source, string message) =>
            logger.Error("metadata unavailable; last good routes keep serving", ("source", source), ("error", message));

        public static void SourceRecovered(Logger logger, string source) =>
            logger.Info("metadata available again", ("source", source));

        public static void ResyncRequested(Logger logger) =>
            logger.Info("resync requested (SIGHUP): reading metadata now");
    }
}

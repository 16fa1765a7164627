using RancherHaproxy.Logging;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Operations;

internal sealed partial class HealthServer
{
    /// <summary>The endpoint's log events (component daemon). Per-connection events are debug.</summary>
    private static class Log
    {
        public static void Listening(Logger logger, string address, int port) =>
            logger.Info("health endpoint listening", ("address", address), ("port", port));

        public static void Unavailable(Logger logger, int port, Exception exception) =>
            logger.Error("health endpoint unavailable", ("variable", "HEALTH_PORT"), ("port", port), ("error", exception.Message));

        public static void Answered(Logger logger, long id, PageRequest? request, int status) =>
            logger.Debug("health endpoint answered", ("connection", id), ("method", request?.Method ?? "-"), ("path", request?.Path ?? "-"), ("status", status));
    }
}

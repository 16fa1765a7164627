using RancherHaproxy.Logging;

namespace RancherHaproxy.Pages;

internal sealed partial class PageServer
{
    /// <summary>The page server's log events, one line each. Per-connection events are debug: HAProxy sees the rest.</summary>
    private static class Log
    {
        public static void Listening(Logger logger, string path) =>
            logger.Info("pages listening", ("socket", path));

        public static void ListenFailed(Logger logger, string path, Exception exception) =>
            logger.Error("pages cannot listen, HAProxy's answer and index pages fail", ("socket", path), ("error", exception.Message));

        public static void DeleteFailed(Logger logger, string path, Exception exception) =>
            logger.Warn("pages socket file not removed", ("socket", path), ("error", exception.Message));

        public static void Stopped(Logger logger, string path) =>
            logger.Info("pages stopped", ("socket", path));

        public static void Answered(Logger logger, long id, PageRequest? request, int status) =>
            logger.Debug(
                "page answered",
                ("connection", id),
                ("method", request?.Method ?? "-"),
                ("path", request?.Path ?? "-"),
                ("page", request?.Page ?? "-"),
                ("status", status));

        public static void ClosedBeforeRequest(Logger logger, long id, int bytes) =>
            logger.Debug("page connection closed before a whole request head", ("connection", id), ("bytes", bytes));
    }
}

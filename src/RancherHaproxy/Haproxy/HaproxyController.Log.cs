using RancherHaproxy.Logging;

namespace RancherHaproxy.Haproxy;

internal sealed partial class HaproxyController
{
    /// <summary>The controller's log events, one line each, in one place.</summary>
    private static class Log
    {
        public static void Started(Logger logger, int masterPid, int workerPid, string version, long elapsedMilliseconds) =>
            logger.Info(
                "started",
                ("master_pid", masterPid),
                ("worker_pid", workerPid),
                ("version", version),
                ("ms", elapsedMilliseconds));

        public static void Reloaded(Logger logger, ReloadOutcome outcome, long elapsedMilliseconds)
        {
            if (outcome.Succeeded)
            {
                logger.Info(
                    "reload succeeded",
                    ("worker_pid", outcome.WorkerPid),
                    ("reloads", outcome.ReloadCount),
                    ("ms", elapsedMilliseconds));
            }
            else
            {
                logger.Error(
                    "reload failed, the previous configuration keeps serving",
                    ("worker_pid", outcome.WorkerPid),
                    ("reloads", outcome.ReloadCount),
                    ("ms", elapsedMilliseconds),
                    ("detail", outcome.Detail));
            }
        }

        public static void Stopping(Logger logger, int masterPid, TimeSpan grace) =>
            logger.Info("stopping gracefully", ("master_pid", masterPid), ("grace_s", grace.TotalSeconds));

        public static void Escalating(Logger logger, int masterPid, string signal, TimeSpan waited) =>
            logger.Warn(
                "HAProxy did not exit in time, sending " + signal,
                ("master_pid", masterPid),
                ("waited_s", waited.TotalSeconds));

        public static void Stopped(Logger logger, int masterPid, int exitCode) =>
            logger.Info("stopped", ("master_pid", masterPid), ("exit_code", exitCode));

        public static void ExitedUnexpectedly(Logger logger, int masterPid, int exitCode) =>
            logger.Error("HAProxy exited unexpectedly", ("master_pid", masterPid), ("exit_code", exitCode));

        public static void SignalFailed(Logger logger, int pid, int signal, int error) =>
            logger.Warn("could not signal process", ("pid", pid), ("signal", signal), ("errno", error));
    }
}

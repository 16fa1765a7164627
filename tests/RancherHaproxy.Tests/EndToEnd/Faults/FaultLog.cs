namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>The daemon's log events the fault tests count.</summary>
internal static class FaultLog
{
    public static bool IsSourceFailure(DaemonLogLine line) =>
        line.Level == "error" && line.Is("sync", "metadata unavailable; last good routes keep serving");

    public static bool IsSourceRecovery(DaemonLogLine line) => line.Is("sync", "metadata available again");

    public static bool IsApplied(DaemonLogLine line) => line.Is("sync", "routes applied");

    public static bool IsReloadApplied(DaemonLogLine line) => IsApplied(line) && line.Field("reload") == "true";

    public static bool IsNotRouted(DaemonLogLine line, string uuid) =>
        line.Level == "warn" && line.Is("routing", "not routed") && line.Field("container") == uuid;

    public static int Count(DaemonProcess daemon, Func<DaemonLogLine, bool> predicate, int fromIndex = 0) =>
        daemon.Lines.Skip(fromIndex).Count(predicate);
}

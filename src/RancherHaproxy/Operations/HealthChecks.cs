using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Operations;

/// <summary>Pure: the liveness and readiness answers, each a reason when the answer is no.</summary>
internal static class HealthChecks
{
    public const string Stalled = "sync loop stalled";
    public const string HaproxyNotRunning = "haproxy not running";
    public const string WaitingForRoutes = "waiting for the first routes";
    public const string ShuttingDown = "shutting down";

    /// <summary>Null when alive: the loop came round in time (when there is one) and HAProxy's master runs (or is starting).</summary>
    public static string? Unhealthy(HealthView view, TimeSpan? stallAfter)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (stallAfter is { } limit && view.HeartbeatAge > limit)
        {
            return Stalled;
        }

        return MasterRuns(view.Haproxy) ? null : HaproxyNotRunning;
    }

    /// <summary>Null when ready: not shutting down, the first routes applied, and HAProxy serving.</summary>
    public static string? NotReady(HealthView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.ShuttingDown)
        {
            return ShuttingDown;
        }

        if (!view.Snapshot.RoutesApplied)
        {
            return WaitingForRoutes;
        }

        return view.Haproxy is HaproxyState.Running or HaproxyState.Reloading ? null : HaproxyNotRunning;
    }

    /// <summary>Not exited: a start in progress (or not yet begun) counts, and so does a stop under way.</summary>
    public static bool MasterRuns(HaproxyState state) =>
        state is not (HaproxyState.Exited or HaproxyState.Failed or HaproxyState.Stopped);
}

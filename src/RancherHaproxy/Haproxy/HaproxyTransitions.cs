namespace RancherHaproxy.Haproxy;

/// <summary>
/// The lifecycle of <see cref="HaproxyController"/> as one pure table:
/// <code>
/// NotStarted --Start--> Starting --Ready--> Running --Reload--> Reloading --ReloadDone--> Running
/// Starting --StartFailed--> Failed
/// Running | Reloading --MasterExited--> Exited   (the one exit that is logged as unexpected)
/// Running | Exited | Stopping --Stop--> Stopping --StopDone--> Stopped
/// </code>
/// A master exit in any other state changes nothing (it is expected, or comes before Ready), and so
/// does ReloadDone after the master exited during the reload. Stop from Stopping runs the stop again
/// after one that threw (cancelled, or a process that outlived SIGKILL).
/// </summary>
internal static class HaproxyTransitions
{
    /// <summary>
    /// The state after <paramref name="trigger"/>, or null when the trigger does not apply in
    /// <paramref name="state"/>: a second start, a reload of a HAProxy that does not run, a stop of
    /// one that was never running or is stopped already.
    /// </summary>
    public static HaproxyState? Next(HaproxyState state, HaproxyTrigger trigger) => (state, trigger) switch
    {
        (HaproxyState.NotStarted, HaproxyTrigger.Start) => HaproxyState.Starting,
        (HaproxyState.Starting, HaproxyTrigger.Ready) => HaproxyState.Running,
        (HaproxyState.Starting, HaproxyTrigger.StartFailed) => HaproxyState.Failed,
        (HaproxyState.Running, HaproxyTrigger.Reload) => HaproxyState.Reloading,
        (HaproxyState.Reloading, HaproxyTrigger.ReloadDone) => HaproxyState.Running,
        (HaproxyState.Exited, HaproxyTrigger.ReloadDone) => HaproxyState.Exited,
        (HaproxyState.Running or HaproxyState.Reloading, HaproxyTrigger.MasterExited) => HaproxyState.Exited,
        (_, HaproxyTrigger.MasterExited) => state,
        (HaproxyState.Running or HaproxyState.Exited or HaproxyState.Stopping, HaproxyTrigger.Stop) => HaproxyState.Stopping,
        (HaproxyState.Stopping, HaproxyTrigger.StopDone) => HaproxyState.Stopped,
        _ => null,
    };
}

using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Sync;

/// <summary>The planner's answer: what to do, and for the Runtime API the commands and whether to check first.</summary>
/// <param name="Plan">The Runtime API commands and the state after them (<see cref="SyncActionKind.ApplyAtRuntime"/> only).</param>
/// <param name="CheckFirst">Check and install the files before the commands: the main config changed since it last passed.</param>
/// <param name="FilesChanged">
/// The rendered files differ from the installed ones; with Runtime API commands and no check first,
/// assumed (the files are rendered, compared and installed after the commands).
/// </param>
internal sealed record SyncAction(SyncActionKind Kind, RuntimePlan? Plan = null, bool CheckFirst = false, bool FilesChanged = false)
{
    public static SyncAction Unchanged { get; } = new(SyncActionKind.Unchanged);

    public static SyncAction StillRefused { get; } = new(SyncActionKind.StillRefused);
}

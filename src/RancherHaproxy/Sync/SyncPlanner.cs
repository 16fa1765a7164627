using RancherHaproxy.Operations;
using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Sync;

/// <summary>
/// Pure: from what runs and what is wanted, the one thing to do. No I/O, clock or cancellation;
/// every branch has a row in <c>SyncPlannerTests</c>.
/// </summary>
internal static class SyncPlanner
{
    /// <summary>
    /// True when what runs was made from these very inputs: nothing to build, render or compare.
    /// The certificate directory can change on its own, so its plan counts too.
    /// </summary>
    public static bool IsSettled(SyncState state, RoutingInputs inputs, CertificatePlan certificates) =>
        state.Settled is { } settled && !state.ReloadPending && settled.Inputs == inputs && settled.Certificates.SameAs(certificates);

    /// <param name="runtimeApi">Whether the daemon can address the worker's Runtime API.</param>
    public static SyncAction Plan(SyncState state, Candidate wanted, bool runtimeApi)
    {
        // Commands for the Runtime API mean the routes changed: they are sent before the files are
        // rendered (then compared and installed after them), unless the main config changed since
        // it last passed, when the files are checked first.
        var checkFirst = wanted.MainConfigStamp != state.PassedMainConfigStamp;
        var runtimePlan = runtimeApi ? RuntimePlanFor(state, wanted) : null;
        if (!checkFirst && runtimePlan is { Operations.Count: > 0 })
        {
            return new SyncAction(SyncActionKind.ApplyAtRuntime, runtimePlan, CheckFirst: false, FilesChanged: true);
        }

        var filesChanged = wanted.Config != state.Applied;
        if (!filesChanged && !state.ReloadPending)
        {
            return SyncAction.Unchanged;
        }

        if (runtimePlan is not null)
        {
            return checkFirst && filesChanged && IsStillRefused(state, wanted)
                ? SyncAction.StillRefused
                : new SyncAction(SyncActionKind.ApplyAtRuntime, runtimePlan, checkFirst && filesChanged, filesChanged);
        }

        return filesChanged && IsStillRefused(state, wanted)
            ? SyncAction.StillRefused
            : new SyncAction(SyncActionKind.InstallAndReload, FilesChanged: filesChanged);
    }

    /// <summary>
    /// The Runtime API can take the change when the worker's state is known and current (no reload
    /// pending), the certificates and the users stay as they are (it can change neither), and the
    /// planner finds the commands.
    /// </summary>
    private static RuntimePlan? RuntimePlanFor(SyncState state, Candidate wanted)
    {
        var applied = state.Applied;
        if (state.Live is null || state.ReloadPending || applied is null
            || wanted.CrtList != applied.CrtList || wanted.ManagedPem != applied.ManagedPem
            || wanted.Users != applied.Users)
        {
            return null;
        }

        return RuntimePlanner.Plan(state.Live, wanted.Table);
    }

    /// <summary>The candidate was refused before with this very main config: checking it again would refuse it again.</summary>
    public static bool IsStillRefused(SyncState state, Candidate wanted) =>
        state.Rejected is { } rejected && rejected.Config == wanted.Config && rejected.MainConfigStamp == wanted.MainConfigStamp;

    /// <summary>Why installing <paramref name="wanted"/> over what runs takes a reload (the reloads metric's reason).</summary>
    public static ReloadReason ReloadReasonFor(SyncState state, Candidate wanted)
    {
        var applied = state.Applied;
        if (state.ReloadPending)
        {
            return ReloadReason.Recovery;
        }

        if (applied is not null && (wanted.Config.CrtList != applied.CrtList || wanted.Config.ManagedPem != applied.ManagedPem))
        {
            return ReloadReason.Certificates;
        }

        return state.PassedMainConfigStamp is not null && wanted.MainConfigStamp != state.PassedMainConfigStamp
            ? ReloadReason.MainConfig
            : ReloadReason.Routes;
    }
}

using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;
using RancherHaproxy.Operations;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Sync;

/// <summary>
/// Carries out what <see cref="SyncPlanner"/> chose, through the small interfaces of the edges, and
/// answers the state that follows. It decides nothing the planner did not.
/// </summary>
/// <param name="filesWritten">Called whenever the files were written (checked, installed or refused): writes work again.</param>
/// <param name="operations">Reloads (by reason and result) and refused checks are counted there.</param>
internal sealed class SyncActor(
    IConfigInstaller installer, IRuntimeApi? runtime, IHaproxyController haproxy, IReadOnlyList<string> spareBackends, Action filesWritten, Logger logger,
    OperationsState operations)
{
    public Task<SyncState> ActAsync(SyncState state, Candidate wanted, SyncAction action, CycleTimes times, CancellationToken cancellationToken) =>
        action.Kind switch
        {
            SyncActionKind.Unchanged => Task.FromResult(state with { Settled = wanted.Settled }),
            SyncActionKind.StillRefused => Task.FromResult(state),
            SyncActionKind.ApplyAtRuntime => ApplyAtRuntimeAsync(state, wanted, action, times, cancellationToken),
            _ => InstallAndReloadAsync(state, wanted, action.FilesChanged, SyncPlanner.ReloadReasonFor(state, wanted), times, cancellationToken),
        };

    /// <summary>
    /// Runtime API commands, the files checked first when the main config changed (a user's edit may
    /// break it: then nothing changes at all), otherwise after, off the critical path. A refused
    /// command falls back to a reload, which puts the worker back in line with the files.
    /// </summary>
    private async Task<SyncState> ApplyAtRuntimeAsync(SyncState state, Candidate wanted, SyncAction action, CycleTimes times, CancellationToken cancellationToken)
    {
        if (action.CheckFirst)
        {
            (state, var installed) = await InstallAsync(state, wanted, cancellationToken).ConfigureAwait(false);
            times.Breakdown.Lap("install");
            if (!installed)
            {
                return state;
            }
        }

        var plan = action.Plan!;
        var executed = await runtime!.ExecuteAsync(plan.Operations, cancellationToken).ConfigureAwait(false);
        times.Breakdown.Lap("runtime_api");
        if (!executed)
        {
            return await InstallAndReloadAsync(state with { Live = null }, wanted, wanted.Config != state.Applied, ReloadReason.Recovery, times, cancellationToken)
                .ConfigureAwait(false);
        }

        SyncLog.AppliedAtRuntime(logger, wanted.Table, plan.Operations.Count, times.Fetch, times.SinceParsed());
        SyncLog.Breakdown(logger, times.Breakdown);
        state = state with
        {
            Live = plan.Result,
            DrainingBackends = WithDrains(state.DrainingBackends, plan.Operations),
            Settled = wanted.Settled,
            AppliedServers = wanted.Table.ServerCount,
        };
        return wanted.Config != state.Applied
            ? (await InstallUnlessRefusedAsync(state, wanted, cancellationToken).ConfigureAwait(false)).State
            : state;
    }

    private async Task<SyncState> InstallAndReloadAsync(
        SyncState state, Candidate wanted, bool filesChanged, ReloadReason reason, CycleTimes times, CancellationToken cancellationToken)
    {
        if (filesChanged)
        {
            (state, var installed) = await InstallUnlessRefusedAsync(state, wanted, cancellationToken).ConfigureAwait(false);
            times.Breakdown.Lap("install");
            if (!installed)
            {
                return state;
            }
        }

        var outcome = await haproxy.ReloadAsync(cancellationToken).ConfigureAwait(false);
        times.Breakdown.Lap("reload");
        operations.Counters.Reload(reason, outcome.Succeeded);
        if (!outcome.Succeeded)
        {
            SyncLog.ReloadFailed(logger, outcome.Detail);
            operations.Failed("reload failed; the old worker keeps serving: " + outcome.Detail, countsAsSync: false);
            return state with { ReloadPending = true, Settled = null };
        }

        SyncLog.Applied(logger, wanted.Table, times.Fetch, times.SinceParsed());
        SyncLog.Breakdown(logger, times.Breakdown);
        return state with
        {
            ReloadPending = false,
            Settled = wanted.Settled,
            AppliedServers = wanted.Table.ServerCount,
            Live = LiveState.FromTable(wanted.Table, spareBackends),
            DrainingBackends = new HashSet<string>(StringComparer.Ordinal),
        };
    }

    /// <summary>As <see cref="InstallAsync"/>, but a candidate refused before with this very main config is not checked again.</summary>
    private Task<(SyncState State, bool Installed)> InstallUnlessRefusedAsync(SyncState state, Candidate wanted, CancellationToken cancellationToken) =>
        SyncPlanner.IsStillRefused(state, wanted) ? Task.FromResult((state, false)) : InstallAsync(state, wanted, cancellationToken);

    /// <summary>Checks and installs the files; the state remembers what was installed, refused and passed.</summary>
    private async Task<(SyncState State, bool Installed)> InstallAsync(SyncState state, Candidate wanted, CancellationToken cancellationToken)
    {
        var outcome = await installer.CheckAndInstallAsync(wanted.Config, state.Applied, cancellationToken).ConfigureAwait(false);
        filesWritten();
        var refused = new RejectedConfig(wanted.Config, wanted.MainConfigStamp);
        if (outcome.Installed is null)
        {
            operations.Failed("config check failed; the running config stays", countsAsSync: false);
        }

        return outcome.Installed is null
            ? (state with { Rejected = refused }, false)
            : (state with
            {
                Applied = outcome.Installed,
                Rejected = outcome.CertificateRefused ? refused : null,
                PassedMainConfigStamp = wanted.MainConfigStamp,
            }, true);
    }

    private static HashSet<string> WithDrains(IReadOnlySet<string> draining, IReadOnlyList<RuntimeOperation> operations)
    {
        var backends = new HashSet<string>(draining, StringComparer.Ordinal);
        backends.UnionWith(operations.Where(operation => operation.Kind == RuntimeOperationKind.DrainServer).Select(operation => operation.Backend));
        return backends;
    }
}

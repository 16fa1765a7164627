namespace RancherHaproxy.Haproxy;

/// <summary>What the master CLI's <c>show proc</c> says about the master and its workers.</summary>
/// <param name="MasterPid">The master's pid; it keeps it across reloads.</param>
/// <param name="MasterReloads">Reloads the master has done, failed ones included.</param>
/// <param name="FailedReloads">
/// The <c>[failed: N]</c> counter. 2.6 counts failed reloads in a row; 3.2 and 3.4 show 1 after a
/// failed reload, however many came before. A good reload resets it to 0 on all three. So it
/// does not always rise when a reload fails, but it is non-zero exactly when the latest one failed.
/// </param>
/// <param name="Version">HAProxy's version as the master reports it, e.g. "2.6.12-1+deb12u4".</param>
/// <param name="Workers">Listed under "# workers": the current generation.</param>
/// <param name="OldWorkers">
/// Listed under "# old workers": draining after a reload — or, on 3.x after a failed reload,
/// the worker that is still serving because its successor never came up.
/// </param>
internal sealed record ShowProcStatus(
    int MasterPid,
    int MasterReloads,
    int FailedReloads,
    string Version,
    IReadOnlyList<WorkerProcess> Workers,
    IReadOnlyList<WorkerProcess> OldWorkers)
{
    /// <summary>Every worker pid, current and old: the processes a hard stop must account for.</summary>
    public IReadOnlyList<int> AllWorkerPids => [.. Workers.Select(worker => worker.Pid), .. OldWorkers.Select(worker => worker.Pid)];
}

using System.Diagnostics;

namespace RancherHaproxy.Haproxy;

internal sealed partial class HaproxyController
{
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReloadPollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan OutputGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Reads <c>show proc</c> (reload count R, worker pids), sends SIGUSR2, then polls until the
    /// reload count passes R. A non-zero failed count is a rejected config (the old worker keeps
    /// serving); a worker pid not seen before that answers itself is success.
    /// </summary>
    public async Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var masterPid = _process.Id ?? throw new InvalidOperationException("HAProxy has not been started.");
            if (Apply(HaproxyTrigger.Reload) is null)
            {
                return Failed(0, "HAProxy is not running: no reload sent");
            }

            ReloadOutcome? outcome = null;
            try
            {
                outcome = await SignalAndConfirmAsync(masterPid, cancellationToken).ConfigureAwait(false);
                return outcome;
            }
            finally
            {
                Apply(HaproxyTrigger.ReloadDone, outcome is { Succeeded: true } ? outcome.WorkerPid : null);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ReloadOutcome> SignalAndConfirmAsync(int masterPid, CancellationToken cancellationToken)
    {
        var before = await ReadStatusWithinAsync(masterPid, CliTimeout, cancellationToken).ConfigureAwait(false);
        if (before is null)
        {
            return Failed(0, $"the master CLI {_options.MasterSocketPath} does not answer: no reload sent");
        }

        var stopwatch = Stopwatch.StartNew();
        var mark = _process.Output.Mark();
        var outcome = _process.Signal(NativeMethods.SigUsr2) switch
        {
            null => Failed(before.MasterReloads, $"the master (pid {masterPid}) has exited: no SIGUSR2 sent"),
            0 => await AwaitReloadOutcomeAsync(masterPid, before, mark, cancellationToken).ConfigureAwait(false),
            var error => Failed(before.MasterReloads, $"SIGUSR2 to the master (pid {masterPid}) failed with errno {error}"),
        };
        Log.Reloaded(_logger, outcome, stopwatch.ElapsedMilliseconds);
        return outcome;
    }

    private async Task<ReloadOutcome> AwaitReloadOutcomeAsync(
        int masterPid, ShowProcStatus before, long outputMark, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var latestReloads = before.MasterReloads;
        while (stopwatch.Elapsed < ReloadTimeout)
        {
            await Task.WhenAny(Task.Delay(ReloadPollInterval, cancellationToken), _exited).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (_exited.IsCompleted)
            {
                return await FailedAsync(latestReloads, "the master exited during the reload", outputMark, cancellationToken).ConfigureAwait(false);
            }

            // Unreachable while the master re-execs: that is expected, poll again.
            var status = await ReadStatusAsync(masterPid, cancellationToken).ConfigureAwait(false);
            if (status is null || status.MasterReloads <= before.MasterReloads)
            {
                continue;
            }

            latestReloads = status.MasterReloads;
            // Not "more than before": 3.x shows 1 after each failed reload, also after one that failed.
            if (status.FailedReloads > 0)
            {
                return await FailedAsync(latestReloads, "HAProxy rejected the new configuration", outputMark, cancellationToken).ConfigureAwait(false);
            }

            var successor = status.Workers.FirstOrDefault(worker => !before.AllWorkerPids.Contains(worker.Pid));
            if (successor is not null && await IsWorkerServingAsync(successor.Pid, cancellationToken).ConfigureAwait(false))
            {
                return new ReloadOutcome(true, successor.Pid, latestReloads, $"worker {successor.Pid} took over");
            }
        }

        var timedOut = $"no outcome within {ReloadTimeout.TotalSeconds:0} s";
        return await FailedAsync(latestReloads, timedOut, outputMark, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ShowProcStatus?> ReadStatusWithinAsync(int masterPid, TimeSpan patience, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var status = await ReadStatusAsync(masterPid, cancellationToken).ConfigureAwait(false);
            if (status is not null || stopwatch.Elapsed > patience || _exited.IsCompleted)
            {
                return status;
            }

            await Task.Delay(ReloadPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A failed reload: the worker that served before still serves.</summary>
    private ReloadOutcome Failed(int reloadCount, string detail) => new(false, WorkerPid, reloadCount, detail);

    private async Task<ReloadOutcome> FailedAsync(int reloadCount, string what, long outputMark, CancellationToken cancellationToken)
    {
        var words = await WordsAsync(outputMark, cancellationToken).ConfigureAwait(false);
        return Failed(reloadCount, what + ": " + words);
    }

    /// <summary>
    /// HAProxy's own words since <paramref name="outputMark"/>. Its output travels through a pipe,
    /// so the alerts may arrive a moment after show proc has told the outcome: wait a little for them.
    /// </summary>
    private async Task<string> WordsAsync(long outputMark, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var lines = _process.Output.ProblemsSince(outputMark);
        while (!lines.Any(HaproxyOutputLine.IsAlert) && stopwatch.Elapsed < OutputGrace)
        {
            await Task.Delay(ReloadPollInterval, cancellationToken).ConfigureAwait(false);
            lines = _process.Output.ProblemsSince(outputMark);
        }

        return lines.Count == 0 ? "HAProxy printed nothing" : string.Join(" | ", lines.Select(HaproxyOutputLine.WithoutTag));
    }
}

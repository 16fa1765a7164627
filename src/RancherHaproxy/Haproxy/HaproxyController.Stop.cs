using System.Diagnostics;

namespace RancherHaproxy.Haproxy;

internal sealed partial class HaproxyController
{
    private static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WorkerPatience = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopPollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// SIGUSR1 (listeners close, in-flight requests finish) for up to ShutdownGrace, then SIGTERM for
    /// 2 s, then SIGKILL to the master and every worker seen. Cancellation skips to SIGKILL, and
    /// still returns only once nothing of ours is left before it throws. A reload in progress is
    /// let finish first (it is bounded).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (Apply(HaproxyTrigger.Stop) is null || _process.Id is not { } masterPid)
            {
                return;
            }

            try
            {
                await StopGracefullyAsync(masterPid, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await KillEverythingAsync().ConfigureAwait(false);
            }

            Apply(HaproxyTrigger.StopDone);
            Log.Stopped(_logger, masterPid, await _exited.ConfigureAwait(false));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StopGracefullyAsync(int masterPid, CancellationToken cancellationToken)
    {
        if (_exited.IsCompleted)
        {
            return;
        }

        // Learn the workers of the moment, so none of them outlives the stop.
        await ReadStatusAsync(masterPid, cancellationToken).ConfigureAwait(false);
        Log.Stopping(_logger, masterPid, _options.ShutdownGrace);
        SignalMaster(masterPid, NativeMethods.SigUsr1);
        if (await WaitForExitAsync(_options.ShutdownGrace, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        Log.Escalating(_logger, masterPid, "SIGTERM", _options.ShutdownGrace);
        SignalMaster(masterPid, NativeMethods.SigTerm);
        if (!await WaitForExitAsync(TermGrace, cancellationToken).ConfigureAwait(false))
        {
            Log.Escalating(_logger, masterPid, "SIGKILL", TermGrace);
        }
    }

    /// <summary>SIGKILL to the master and every worker seen, until none of them runs.</summary>
    private async Task KillEverythingAsync()
    {
        if (_process.Id is { } masterPid && !_exited.IsCompleted)
        {
            SignalMaster(masterPid, NativeMethods.SigKill);
            if (!await WaitForExitAsync(KillWait, CancellationToken.None).ConfigureAwait(false))
            {
                throw new HaproxyException($"HAProxy's master (pid {masterPid}) did not exit {KillWait.TotalSeconds:0} s after SIGKILL.");
            }
        }

        await KillLeftoverWorkersAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Workers leave by themselves once their master is gone; any that stays past a moment gets
    /// SIGKILL. Returns when none of the pids seen is a running HAProxy.
    /// </summary>
    private async Task KillLeftoverWorkersAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var running = _seenWorkers.ToArray().Where(ProcessLiveness.IsRunningHaproxy).ToArray();
            if (running.Length == 0)
            {
                return;
            }

            var waited = stopwatch.Elapsed;
            if (waited > WorkerPatience + KillWait)
            {
                throw new HaproxyException($"HAProxy workers {string.Join(", ", running)} still run after SIGKILL.");
            }

            if (waited > WorkerPatience)
            {
                foreach (var pid in running)
                {
                    Signal(pid, NativeMethods.SigKill);
                }
            }

            await Task.Delay(StopPollInterval).ConfigureAwait(false);
        }
    }

    private async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.WhenAny(_exited, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return _exited.IsCompleted;
    }

    /// <summary>Signals the master only while it is our unreaped child, so its pid cannot have been recycled.</summary>
    private void SignalMaster(int masterPid, int signal)
    {
        if (_process.Signal(signal) is { } error and not 0)
        {
            Log.SignalFailed(_logger, masterPid, signal, error);
        }
    }

    private void Signal(int pid, int signal)
    {
        var error = NativeMethods.SendSignal(pid, signal);
        if (error != 0)
        {
            Log.SignalFailed(_logger, pid, signal, error);
        }
    }
}

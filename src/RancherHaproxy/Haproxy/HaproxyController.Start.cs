using System.Diagnostics;
using System.Text;

namespace RancherHaproxy.Haproxy;

internal sealed partial class HaproxyController
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StartPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>sun_path holds 108 bytes including the terminating NUL.</summary>
    private const int MaxUnixSocketPathBytes = 107;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Apply(HaproxyTrigger.Start) is null)
            {
                throw new InvalidOperationException("This controller has started HAProxy already; it runs one master.");
            }

            try
            {
                await StartMasterAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Apply(HaproxyTrigger.StartFailed);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartMasterAsync(CancellationToken cancellationToken)
    {
        PrepareRunDirectory();
        var stopwatch = Stopwatch.StartNew();
        var masterPid = await _process.StartAsync().ConfigureAwait(false);
        var ready = await WaitUntilReadyOrKillAsync(masterPid, cancellationToken).ConfigureAwait(false);
        var workerPid = ready.Workers[^1].Pid;
        Apply(HaproxyTrigger.Ready, workerPid, ready.Version);
        Log.Started(_logger, masterPid, workerPid, ready.Version, stopwatch.ElapsedMilliseconds);
    }

    private void PrepareRunDirectory()
    {
        if (Encoding.UTF8.GetByteCount(_options.MasterSocketPath) > MaxUnixSocketPathBytes)
        {
            throw new HaproxyException(
                $"The master CLI socket path {_options.MasterSocketPath} is longer than {MaxUnixSocketPathBytes} bytes: choose a shorter HAPROXY_RUN_DIR.");
        }

        try
        {
            Directory.CreateDirectory(_options.RunDirectory);
            foreach (var stale in (string[])[_options.MasterSocketPath, _options.AdminSocketPath, _options.PidFilePath])
            {
                // Left by a HAProxy that was killed: a stale socket would refuse our connections.
                File.Delete(stale);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HaproxyException($"Cannot prepare the run directory {_options.RunDirectory}: {exception.Message}", exception);
        }
    }

    private async Task<ShowProcStatus> WaitUntilReadyOrKillAsync(int masterPid, CancellationToken cancellationToken)
    {
        try
        {
            return await WaitUntilReadyAsync(masterPid, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HaproxyException or OperationCanceledException)
        {
            // Whatever is left of a start that did not finish must not outlive it; the start failed,
            // so there is nothing left for a later stop to do or to report.
            await KillEverythingAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Ready = the master CLI answers (so the master has its signal handlers: SIGUSR2 is safe from
    /// now on) and lists a worker that itself answers through the master (so it has loaded).
    /// </summary>
    private async Task<ShowProcStatus> WaitUntilReadyAsync(int masterPid, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (_exited.IsCompleted)
            {
                var code = await _exited.ConfigureAwait(false);
                throw new HaproxyException(
                    $"HAProxy exited with code {code} before it was ready: {string.Join(" | ", _process.Output.ProblemsSince(0))}");
            }

            if (stopwatch.Elapsed > StartTimeout)
            {
                throw new HaproxyException(
                    $"HAProxy was not ready within {StartTimeout.TotalSeconds:0} s (master CLI {_options.MasterSocketPath}); " +
                    $"its last words: {string.Join(" | ", _process.Output.ProblemsSince(0))}");
            }

            var status = await ReadStatusAsync(masterPid, cancellationToken).ConfigureAwait(false);
            if (status is { Workers.Count: > 0 } && await IsWorkerServingAsync(status.Workers[^1].Pid, cancellationToken).ConfigureAwait(false))
            {
                return status;
            }

            await Task.WhenAny(Task.Delay(StartPollInterval, cancellationToken), _exited).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}

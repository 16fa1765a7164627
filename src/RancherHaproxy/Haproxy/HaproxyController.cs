using System.Diagnostics;
using System.Text;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// HAProxy in master-worker mode as the daemon's child: started with <c>-W -S master.sock</c>,
/// reloaded with SIGUSR2 and checked through the master CLI's <c>show proc</c>, stopped with
/// SIGUSR1 → SIGTERM → SIGKILL. Start, reload and stop run one at a time.
/// </summary>
/// <remarks>
/// The controller logs its own events through <paramref name="logger"/>; HAProxy's output lines go
/// to the same sink under the component "haproxy", [ALERT] as error and [WARNING] as warn.
/// </remarks>
internal sealed partial class HaproxyController(HaproxyOptions options, Logger logger) : IHaproxyController
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StartPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(2);

    /// <summary>sun_path holds 108 bytes including the terminating NUL.</summary>
    private const int MaxUnixSocketPathBytes = 107;

    private readonly Logger _haproxyLogger = logger.ForComponent("haproxy");
    private readonly MasterCli _cli = new(options.MasterSocketPath, CliTimeout);
    private readonly RecentOutput _output = new(capacity: 200);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile int _masterPid;
    private volatile int _workerPid;
    private volatile string? _version;
    private bool _started;

    public int? MasterPid => _masterPid > 0 ? _masterPid : null;

    /// <summary>The worker serving now, as last confirmed by a start or a successful reload.</summary>
    public int? WorkerPid => _workerPid > 0 ? _workerPid : null;

    /// <summary>HAProxy's version as its master reports it, once started.</summary>
    public string? Version => _version;

    public Task<int> Exited => _exited.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_started)
            {
                throw new InvalidOperationException("This controller has started HAProxy already; it runs one master.");
            }

            _started = true;
            PrepareRunDirectory();
            var stopwatch = Stopwatch.StartNew();
            var masterPid = await LaunchAsync().ConfigureAwait(false);
            _masterPid = masterPid;
            var ready = await WaitUntilReadyOrKillAsync(masterPid, cancellationToken).ConfigureAwait(false);
            _workerPid = ready.Workers[^1].Pid;
            _version = ready.Version;
            _ready = true;
            Log.Started(logger, masterPid, _workerPid, ready.Version, stopwatch.ElapsedMilliseconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void PrepareRunDirectory()
    {
        if (Encoding.UTF8.GetByteCount(options.MasterSocketPath) > MaxUnixSocketPathBytes)
        {
            throw new HaproxyException(
                $"The master CLI socket path {options.MasterSocketPath} is longer than {MaxUnixSocketPathBytes} bytes: choose a shorter HAPROXY_RUN_DIR.");
        }

        try
        {
            Directory.CreateDirectory(options.RunDirectory);
            foreach (var stale in (string[])[options.MasterSocketPath, options.AdminSocketPath, options.PidFilePath])
            {
                // Left by a HAProxy that was killed: a stale socket would refuse our connections.
                File.Delete(stale);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HaproxyException($"Cannot prepare the run directory {options.RunDirectory}: {exception.Message}", exception);
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
            _stopRequested = true;
            await KillEverythingAsync().ConfigureAwait(false);
            _stopped = true;
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
            if (_exited.Task.IsCompleted)
            {
                var code = await _exited.Task.ConfigureAwait(false);
                throw new HaproxyException(
                    $"HAProxy exited with code {code} before it was ready: {string.Join(" | ", _output.ProblemsSince(0))}");
            }

            if (stopwatch.Elapsed > StartTimeout)
            {
                throw new HaproxyException(
                    $"HAProxy was not ready within {StartTimeout.TotalSeconds:0} s (master CLI {options.MasterSocketPath}); " +
                    $"its last words: {string.Join(" | ", _output.ProblemsSince(0))}");
            }

            var status = await ReadStatusAsync(masterPid, cancellationToken).ConfigureAwait(false);
            if (status is { Workers.Count: > 0 } && await IsWorkerServingAsync(status.Workers[^1].Pid, cancellationToken).ConfigureAwait(false))
            {
                return status;
            }

            await Task.WhenAny(Task.Delay(StartPollInterval, cancellationToken), _exited.Task).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}

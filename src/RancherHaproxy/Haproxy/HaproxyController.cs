using RancherHaproxy.Logging;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// HAProxy in master-worker mode as the daemon's child (<see cref="HaproxyProcess"/>), and the
/// protocol on top of it: started with <c>-W -S master.sock</c>, reloaded with SIGUSR2 and checked
/// through the master CLI's <c>show proc</c>, stopped with SIGUSR1 → SIGTERM → SIGKILL. Start,
/// reload and stop run one at a time; the state moves only through <see cref="Apply"/>, by
/// <see cref="HaproxyTransitions"/>.
/// </summary>
/// <remarks>
/// The controller logs its own events through the logger it is given; HAProxy's output lines go
/// to the same sink under the component "haproxy", [ALERT] as error and [WARNING] as warn.
/// </remarks>
internal sealed partial class HaproxyController : IHaproxyController
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(2);

    private readonly HaproxyOptions _options;
    private readonly Logger _logger;
    private readonly HaproxyProcess _process;
    private readonly MasterCli _cli;
    private readonly WorkerPidSet _seenWorkers = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _stateGate = new();
    private readonly Task<int> _exited;
    private volatile HaproxySnapshot _snapshot = new(HaproxyState.NotStarted, null, null);

    public HaproxyController(HaproxyOptions options, Logger logger)
    {
        _options = options;
        _logger = logger;
        _process = new HaproxyProcess(HaproxyCommandLine.Master(options), options.Environment, logger.ForComponent("haproxy"));
        _cli = new MasterCli(options.MasterSocketPath, CliTimeout);
        _exited = ObserveExitAsync();
    }

    public int? MasterPid => _process.Id;

    /// <summary>The worker serving now, as last confirmed by a start or a successful reload.</summary>
    public int? WorkerPid => _snapshot.WorkerPid;

    /// <summary>HAProxy's version as its master reports it, once started.</summary>
    public string? Version => _snapshot.Version;

    /// <summary>Where the controller is now.</summary>
    public HaproxyState State => _snapshot.State;

    public Task<int> Exited => _exited;

    /// <summary>Stops HAProxy (see <see cref="StopAsync"/>) and releases the process; safe to call again.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>
    /// The one place the state changes. Returns the state before, or null when
    /// <paramref name="trigger"/> does not apply to it (nothing changes then). A worker pid or a
    /// version given replaces the one known.
    /// </summary>
    private HaproxyState? Apply(HaproxyTrigger trigger, int? workerPid = null, string? version = null)
    {
        lock (_stateGate)
        {
            var before = _snapshot;
            if (HaproxyTransitions.Next(before.State, trigger) is not { } next)
            {
                return null;
            }

            _snapshot = new HaproxySnapshot(next, workerPid ?? before.WorkerPid, version ?? before.Version);
            return before.State;
        }
    }

    /// <summary>The master's exit as the controller sees it: the state moves first, then Exited completes.</summary>
    private async Task<int> ObserveExitAsync()
    {
        var exitCode = await _process.Exited.ConfigureAwait(false);
        if (Apply(HaproxyTrigger.MasterExited) is HaproxyState.Running or HaproxyState.Reloading)
        {
            Log.ExitedUnexpectedly(_logger, _process.Id ?? 0, exitCode);
        }

        return exitCode;
    }
}

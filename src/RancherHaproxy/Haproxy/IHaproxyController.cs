namespace RancherHaproxy.Haproxy;

/// <summary>HAProxy as the daemon's child, in master-worker mode.</summary>
internal interface IHaproxyController : IAsyncDisposable
{
    /// <summary>The master's pid once started; it stays the same across reloads.</summary>
    int? MasterPid { get; }

    /// <summary>Completes with the master's exit code when it exits, for whatever reason.</summary>
    Task<int> Exited { get; }

    /// <summary>
    /// Starts the master and returns once it is ready for SIGUSR2 (its CLI answers and a worker runs).
    /// Throws <see cref="HaproxyException"/> with HAProxy's own error lines when it cannot start.
    /// </summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Sends SIGUSR2 to the master and confirms the outcome through the master CLI.</summary>
    Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Graceful stop (SIGUSR1: listeners close, in-flight requests finish), bounded by the grace period,
    /// then SIGTERM and SIGKILL. Returns when no HAProxy process of ours is left.
    /// </summary>
    Task StopAsync(CancellationToken cancellationToken);
}

namespace RancherHaproxy.Haproxy;

/// <summary>Where <see cref="HaproxyController"/> is in HAProxy's life; <see cref="HaproxyTransitions"/> says how it moves.</summary>
internal enum HaproxyState
{
    /// <summary>Nothing started yet.</summary>
    NotStarted,

    /// <summary>The master is being started and waited for until it is ready.</summary>
    Starting,

    /// <summary>Ready: the master CLI answers (SIGUSR2 is safe) and the newest worker serves.</summary>
    Running,

    /// <summary>SIGUSR2 is being sent and its outcome confirmed through the master CLI.</summary>
    Reloading,

    /// <summary>A stop is under way: SIGUSR1, then SIGTERM, then SIGKILL. An exit now is expected.</summary>
    Stopping,

    /// <summary>Stopped on request: no HAProxy process of ours is left.</summary>
    Stopped,

    /// <summary>The start failed; whatever it had started was killed.</summary>
    Failed,

    /// <summary>The master exited by itself after it was ready; a stop still clears any leftover worker.</summary>
    Exited,
}

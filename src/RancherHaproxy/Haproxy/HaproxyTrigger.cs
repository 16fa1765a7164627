namespace RancherHaproxy.Haproxy;

/// <summary>What moves <see cref="HaproxyController"/> from one <see cref="HaproxyState"/> to the next.</summary>
internal enum HaproxyTrigger
{
    /// <summary>StartAsync begins.</summary>
    Start,

    /// <summary>The master and its newest worker answer.</summary>
    Ready,

    /// <summary>The start did not reach Ready (and what it started is gone).</summary>
    StartFailed,

    /// <summary>ReloadAsync is about to read show proc and send SIGUSR2.</summary>
    Reload,

    /// <summary>ReloadAsync has its outcome, whichever it is.</summary>
    ReloadDone,

    /// <summary>StopAsync begins.</summary>
    Stop,

    /// <summary>StopAsync has made sure no HAProxy process of ours is left.</summary>
    StopDone,

    /// <summary>The master process has exited (and its output has drained).</summary>
    MasterExited,
}

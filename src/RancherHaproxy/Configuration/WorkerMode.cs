namespace RancherHaproxy.Configuration;

/// <summary>Whether HAProxy's workers drop root, and if not, why.</summary>
internal enum WorkerMode
{
    /// <summary>The daemon runs as root; workers drop to <see cref="WorkerSettings.User"/> after binding.</summary>
    Drop,

    /// <summary>The daemon runs as root and workers stay root: HAPROXY_USER says root, or no `haproxy` user exists.</summary>
    Root,

    /// <summary>The daemon is not root: workers run as the daemon's own user, nothing to drop.</summary>
    DaemonNotRoot,
}

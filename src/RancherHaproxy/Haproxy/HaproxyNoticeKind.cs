namespace RancherHaproxy.Haproxy;

/// <summary>What one of HAProxy's own event lines is about (<see cref="HaproxyNotice"/>).</summary>
internal enum HaproxyNoticeKind
{
    /// <summary>Not an event HAProxy prints twice: a request log line, a start-up notice, an error.</summary>
    None,

    /// <summary>A server entered or left maintenance or drain: the daemon's own Runtime API commands.</summary>
    ServerAdministered,

    /// <summary>A health check took a server down.</summary>
    HealthCheckDown,

    /// <summary>A health check brought a server back.</summary>
    HealthCheckUp,

    /// <summary>A backend was left without any server.</summary>
    NoServerLeft,

    /// <summary>A proxy stopped (an old worker after a reload, or the stop).</summary>
    ProxyStopped,
}

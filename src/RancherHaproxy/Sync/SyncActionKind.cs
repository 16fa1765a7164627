namespace RancherHaproxy.Sync;

/// <summary>What the loop does with a candidate.</summary>
internal enum SyncActionKind
{
    /// <summary>What runs is what is wanted: nothing to write, check or reload.</summary>
    Unchanged,

    /// <summary>This candidate was refused with this very main config: nothing until either changes.</summary>
    StillRefused,

    /// <summary>Runtime API commands to the running worker; the files follow (checked before when the main config changed).</summary>
    ApplyAtRuntime,

    /// <summary>Check and install the files if they changed, then reload.</summary>
    InstallAndReload,
}

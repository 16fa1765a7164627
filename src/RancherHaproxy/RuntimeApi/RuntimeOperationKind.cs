namespace RancherHaproxy.RuntimeApi;

/// <summary>The Runtime API changes the daemon makes instead of a reload.</summary>
internal enum RuntimeOperationKind
{
    AddServer,
    EnableServer,
    SetServerAddress,
    ReadyServer,
    DrainServer,
    AddHost,
    SetHost,
    DeleteHost,
    NameBackend,

    /// <summary>A host now requires credentials (auth map: host → realm).</summary>
    AddAuth,

    /// <summary>A protected host's realm changed (it moved to another stack).</summary>
    SetAuth,

    /// <summary>A host no longer requires credentials.</summary>
    DeleteAuth,
}

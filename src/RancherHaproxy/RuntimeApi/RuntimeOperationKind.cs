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
}

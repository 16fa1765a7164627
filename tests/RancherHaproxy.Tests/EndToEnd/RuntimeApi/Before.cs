namespace RancherHaproxy.Tests.EndToEnd.RuntimeApi;

/// <summary>What ran before a change: the worker, a connection opened then, and where the daemon's log stood.</summary>
internal sealed record Before(int WorkerPid, LongConnection Connection, int LinesBefore) : IDisposable
{
    public void Dispose() => Connection.Dispose();
}

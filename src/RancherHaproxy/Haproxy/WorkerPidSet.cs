namespace RancherHaproxy.Haproxy;

/// <summary>Every worker pid <c>show proc</c> has listed: the processes a hard stop must account for. Thread-safe.</summary>
internal sealed class WorkerPidSet
{
    private readonly Lock _gate = new();
    private readonly HashSet<int> _pids = [];

    public void Add(IEnumerable<int> pids)
    {
        lock (_gate)
        {
            _pids.UnionWith(pids);
        }
    }

    public int[] ToArray()
    {
        lock (_gate)
        {
            return [.. _pids];
        }
    }
}

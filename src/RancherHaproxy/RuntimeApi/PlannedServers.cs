namespace RancherHaproxy.RuntimeApi;

/// <summary>
/// The servers a plan leads to, copied on write from what runs: a backend's servers are copied the
/// first time the plan changes one of them, and every other backend shares the running state's
/// (never changed in place). Copying all of them was most of a plan among 20,000 containers.
/// </summary>
internal sealed class PlannedServers(IReadOnlyDictionary<string, Dictionary<string, LiveServer>> live)
{
    private readonly Dictionary<string, Dictionary<string, LiveServer>> _servers = new(live, StringComparer.Ordinal);
    private readonly HashSet<string> _copied = new(StringComparer.Ordinal);

    /// <summary>Backend → server name → server, as planned so far.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, LiveServer>> Result => _servers;

    /// <summary>A backend's servers as planned so far, or null when it has none; not to be changed.</summary>
    public IReadOnlyDictionary<string, LiveServer>? Of(string backend) => _servers.GetValueOrDefault(backend);

    /// <summary>The plan's own copy of a backend's servers, made on first use.</summary>
    public Dictionary<string, LiveServer> Writable(string backend)
    {
        if (_copied.Add(backend))
        {
            _servers[backend] = _servers.TryGetValue(backend, out var shared)
                ? new Dictionary<string, LiveServer>(shared, StringComparer.Ordinal)
                : new Dictionary<string, LiveServer>(StringComparer.Ordinal);
        }

        return _servers[backend];
    }
}

using RancherHaproxy.Logging;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// The level of HAProxy's output lines, with one thing a single line cannot tell: whether
/// <c>backend 'b' has no server available!</c> is the daemon's doing. When the last server event of
/// that backend was a maintenance or drain change (the daemon emptying a stack it removes, or one
/// whose containers all went), the alert is information; after a failed health check it stays a
/// warning. Lines from the stdout and stderr readers arrive concurrently, hence the lock.
/// </summary>
internal sealed class HaproxyNoticeMemory
{
    /// <summary>Backends remembered at most (one entry per backend whose last event was administrative); a full set starts over.</summary>
    public const int MaxBackends = 4096;

    private readonly HashSet<string> _administered = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public LogLevel LevelOf(string line)
    {
        var level = HaproxyOutputLine.LevelOf(line);
        if (!HaproxyOutputLine.IsAlert(line) && !HaproxyOutputLine.IsWarning(line))
        {
            // Request log lines and notices: no server event among them (their untagged copies are
            // dropped before), and every request line would be classified for nothing.
            return level;
        }

        var kind = HaproxyNotice.Classify(line);
        if (kind == HaproxyNoticeKind.None || HaproxyNotice.BackendOf(line) is not { } backend)
        {
            return level;
        }

        lock (_lock)
        {
            if (kind == HaproxyNoticeKind.ServerAdministered)
            {
                if (_administered.Count >= MaxBackends)
                {
                    _administered.Clear();
                }

                _administered.Add(backend);
                return level;
            }

            var causedByDaemon = _administered.Remove(backend);
            return kind == HaproxyNoticeKind.NoServerLeft && causedByDaemon ? LogLevel.Info : level;
        }
    }
}

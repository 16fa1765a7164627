namespace RancherHaproxy.Haproxy;

/// <summary>
/// The last lines HAProxy printed, numbered, so that a failed start or reload can quote
/// HAProxy's own words about it ("the alerts since the SIGUSR2").
/// </summary>
internal sealed class RecentOutput(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Sequence, string Line)> _lines = new();
    private long _next;

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue((_next++, line.Trim()));
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>A position: lines added after it are "since" it.</summary>
    public long Mark()
    {
        lock (_gate)
        {
            return _next;
        }
    }

    /// <summary>The alerts since <paramref name="mark"/>; else the warnings; else the last few lines.</summary>
    public IReadOnlyList<string> ProblemsSince(long mark)
    {
        string[] lines;
        lock (_gate)
        {
            lines = [.. _lines.Where(entry => entry.Sequence >= mark).Select(entry => entry.Line)];
        }

        var alerts = lines.Where(HaproxyOutputLine.IsAlert).ToArray();
        if (alerts.Length > 0)
        {
            return alerts;
        }

        var warnings = lines.Where(HaproxyOutputLine.IsWarning).ToArray();
        return warnings.Length > 0 ? warnings : lines[Math.Max(0, lines.Length - 5)..];
    }
}

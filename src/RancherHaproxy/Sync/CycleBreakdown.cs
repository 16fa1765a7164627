using RancherHaproxy.Discovery;

namespace RancherHaproxy.Sync;

/// <summary>
/// Where one cycle's time went, phase by phase in the order they ran, for the debug line
/// <c>apply breakdown</c> after routes are applied: wake (from the long-poll's answer to the fetch),
/// the fetch (head, body, parse, service metadata, when the source measures them), then inputs,
/// build, queued (waiting for the state), render, plan, install (write + haproxy -c), runtime_api,
/// reload. A lap is the time since the previous lap, or since <see cref="Restart"/>.
/// </summary>
/// <param name="startedAt">When the first lap starts (a timestamp of <paramref name="clock"/>); now when null.</param>
internal sealed class CycleBreakdown(TimeProvider clock, long? startedAt = null)
{
    private readonly List<(string Phase, TimeSpan Took)> _phases = [];
    private long _lapStarted = startedAt ?? clock.GetTimestamp();

    public long Bytes { get; private set; }

    /// <summary>The fetch's own parts, or the fetch as one phase when the source does not measure them.</summary>
    public void Fetched(FetchTimings? timings)
    {
        if (timings is null)
        {
            Lap("fetch");
            return;
        }

        _phases.Add(("head", timings.Head));
        _phases.Add(("body", timings.Body));
        _phases.Add(("parse", timings.Parse));
        _phases.Add(("service", timings.Service));
        Bytes = timings.Bytes;
        Restart();
    }

    /// <summary>Records the time since the last lap as <paramref name="phase"/>.</summary>
    public void Lap(string phase)
    {
        var now = clock.GetTimestamp();
        _phases.Add((phase, clock.GetElapsedTime(_lapStarted, now)));
        _lapStarted = now;
    }

    /// <summary>The next lap starts now: what happened in between (waiting for the state) is not a phase.</summary>
    public void Restart() => _lapStarted = clock.GetTimestamp();

    /// <summary>Log fields: <c>&lt;phase&gt;_ms</c> with a tenth of a millisecond, then the body's bytes when known.</summary>
    public (string Key, object? Value)[] Fields()
    {
        var fields = _phases.Select(phase => (phase.Phase + "_ms", (object?)Math.Round(phase.Took.TotalMilliseconds, 1, MidpointRounding.AwayFromZero))).ToList();
        if (Bytes > 0)
        {
            fields.Add(("bytes", Bytes));
        }

        return [.. fields];
    }
}

using System.Diagnostics;
using System.Globalization;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Bench;

/// <summary>
/// Looks at the process tree every second: the daemon's resources, HAProxy's workers (children of the
/// master) against the reloads seen in the daemon's log, and zombies under the daemon or the master.
/// </summary>
internal sealed class SoakWatch
{
    private readonly BenchDaemon _daemon;
    private readonly TimeSpan _hardStopAfter;
    private readonly List<long> _reloads = [];
    private readonly HashSet<int> _zombieSeen = [];
    private int _reloadLines;

    public SoakWatch(BenchDaemon daemon, TimeSpan hardStopAfter)
    {
        _daemon = daemon;
        _hardStopAfter = hardStopAfter;
    }

    public long PeakRssKilobytes { get; private set; }

    /// <summary>When each reload the master announced was seen in the daemon's log (<see cref="Stopwatch.GetTimestamp"/>, within a second).</summary>
    public IReadOnlyList<long> Reloads => _reloads;

    public int MostWorkers { get; private set; }

    /// <summary>Samples where more workers ran than the current one plus those of reloads within HARD_STOP_AFTER (+3 s of slack).</summary>
    public List<string> WorkerExcess { get; } = [];

    /// <summary>Zombies seen in two samples in a row (a reaped child is gone within the second).</summary>
    public SortedSet<int> LastingZombies { get; } = [];

    public int Samples { get; private set; }

    public async Task RunAsync(Func<string> clock, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Sample(clock());
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // A process went away between two reads of /proc.
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Sample(string now)
    {
        Samples++;
        PeakRssKilobytes = Math.Max(PeakRssKilobytes, ProcessResources.Of(_daemon.Pid).PeakRssKilobytes);
        // The master says so before it forks the new worker; "reload succeeded" comes ~100 ms after.
        var reloads = _daemon.Count(0, "Reloading HAProxy");
        for (; _reloadLines < reloads; _reloadLines++)
        {
            _reloads.Add(Stopwatch.GetTimestamp());
        }

        var processes = ProcessTable.Read();
        var master = processes.FirstOrDefault(process => process.Parent == _daemon.Pid && process.Name == "haproxy" && process.State != 'Z' && !process.CommandLine.Contains(" -c ", StringComparison.Ordinal));
        var workers = master is null ? 0 : processes.Count(process => process.Parent == master.Pid && process.State != 'Z');
        var allowed = 1 + _reloads.Count(at => Stopwatch.GetElapsedTime(at) <= _hardStopAfter + TimeSpan.FromSeconds(3));
        MostWorkers = Math.Max(MostWorkers, workers);
        if (workers > allowed)
        {
            WorkerExcess.Add(string.Create(CultureInfo.InvariantCulture, $"{workers} workers at {now} (allowed {allowed})"));
        }

        var parents = new HashSet<int> { _daemon.Pid };
        if (master is not null)
        {
            parents.Add(master.Pid);
        }

        var zombies = processes.Where(process => process.State == 'Z' && parents.Contains(process.Parent)).Select(process => process.Pid).ToHashSet();
        foreach (var pid in zombies.Where(_zombieSeen.Contains))
        {
            LastingZombies.Add(pid);
        }

        _zombieSeen.Clear();
        _zombieSeen.UnionWith(zombies);
    }
}

using System.Globalization;
using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.EndToEnd.RuntimeApi;

/// <summary>HAProxy's master CLI ($HAPROXY_RUN_DIR/master.sock): which worker serves now.</summary>
internal static class MasterSocket
{
    /// <summary>The pids `show proc` lists under "# workers" (current workers, not old ones still finishing).</summary>
    public static async Task<IReadOnlyList<int>> CurrentWorkerPidsAsync(string runDirectory)
    {
        // The daemon's own client: it half-closes after the command, which HAProxy 2.6 waits for.
        var cli = new MasterCli(Path.Combine(runDirectory, "master.sock"), TimeSpan.FromSeconds(5));
        var answer = await cli.TrySendAsync("show proc", CancellationToken.None);
        answer.Should().NotBeNull("the master CLI answers `show proc`");
        return ParseCurrentWorkers(answer!);
    }

    /// <summary>Like <see cref="CurrentWorkerPidsAsync"/>, but empty while the master is unreachable (it re-execs on a reload).</summary>
    public static async Task<IReadOnlyList<int>> TryCurrentWorkerPidsAsync(string runDirectory)
    {
        var cli = new MasterCli(Path.Combine(runDirectory, "master.sock"), TimeSpan.FromSeconds(5));
        var answer = await cli.TrySendAsync("show proc", CancellationToken.None);
        return answer is null ? [] : ParseCurrentWorkers(answer);
    }

    /// <summary>The single current worker; fails when there is none or more than one.</summary>
    public static async Task<int> WorkerPidAsync(string runDirectory)
    {
        var pids = await CurrentWorkerPidsAsync(runDirectory);
        pids.Should().ContainSingle("one worker serves at a time");
        return pids[0];
    }

    internal static IReadOnlyList<int> ParseCurrentWorkers(string showProc)
    {
        var pids = new List<int>();
        var inWorkers = false;
        foreach (var line in showProc.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                inWorkers = line.StartsWith("# workers", StringComparison.Ordinal);
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (inWorkers && fields.Length > 1 && fields[1] == "worker"
                && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                pids.Add(pid);
            }
        }

        return pids;
    }
}

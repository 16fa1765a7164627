using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.EndToEnd.RuntimeApi;

/// <summary>HAProxy's stats socket ($HAPROXY_RUN_DIR/admin.sock): which backends hold which servers now.</summary>
internal static class AdminSocket
{
    /// <summary>`show stat` as (backend, server) pairs, servers only (no FRONTEND or BACKEND rows).</summary>
    public static async Task<IReadOnlyList<(string Backend, string Server)>> ServersAsync(string runDirectory)
    {
        var cli = new MasterCli(Path.Combine(runDirectory, "admin.sock"), TimeSpan.FromSeconds(5));
        var answer = await cli.TrySendAsync("show stat", CancellationToken.None);
        return answer is null ? [] : ParseServers(answer);
    }

    internal static IReadOnlyList<(string Backend, string Server)> ParseServers(string showStat) =>
        [.. showStat.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(','))
            .Where(fields => fields.Length > 1 && fields[1] is not ("FRONTEND" or "BACKEND"))
            .Select(fields => (fields[0], fields[1]))];
}

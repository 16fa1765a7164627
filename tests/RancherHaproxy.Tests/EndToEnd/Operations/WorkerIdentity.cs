using System.Globalization;
using RancherHaproxy.Configuration;
using RancherHaproxy.Tests.EndToEnd.RuntimeApi;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>Whom a test's HAProxy processes run as: the uids of /proc/&lt;pid&gt;/status, and the haproxy user's.</summary>
internal static class WorkerIdentity
{
    /// <summary>The uid the workers drop to by default; this machine and CI both have the user.</summary>
    public static uint HaproxyUserId =>
        SystemUserDatabase.Instance.FindUser(SettingsLoader.DefaultWorkerUser)?.Id
        ?? throw new InvalidOperationException("These tests need the user 'haproxy' (apt-get install haproxy creates it).");

    /// <summary>The real, effective, saved and file-system uids of <paramref name="pid"/>.</summary>
    public static IReadOnlyList<uint> UserIds(int pid) => Ids(pid, "Uid:");

    public static IReadOnlyList<uint> GroupIds(int pid) => Ids(pid, "Gid:");

    /// <summary>The pid of the current worker (the master CLI's <c>show proc</c>) and its four uids.</summary>
    public static async Task<(int Pid, IReadOnlyList<uint> UserIds)> CurrentWorkerAsync(string runDirectory)
    {
        var pid = await MasterSocket.WorkerPidAsync(runDirectory);
        return (pid, UserIds(pid));
    }

    private static List<uint> Ids(int pid, string prefix)
    {
        var line = File.ReadAllLines($"/proc/{pid}/status").First(line => line.StartsWith(prefix, StringComparison.Ordinal));
        return line[prefix.Length..].Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => uint.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
    }
}

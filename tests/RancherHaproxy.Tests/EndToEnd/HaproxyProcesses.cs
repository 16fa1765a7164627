using System.Globalization;
using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// Finds a test's HAProxy processes through /proc: live (not zombie) processes whose executable
/// is haproxy and whose command line mentions the test's own directory (config, pid file and
/// sockets all live there), so parallel tests never touch each other's processes.
/// </summary>
internal static class HaproxyProcesses
{
    public static IReadOnlyList<int> Find(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && IsLiveHaproxy(pid, out var commandLine)
                && commandLine.Contains(marker, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>SIGKILLs the process in the pid file (when it is HAProxy) and every HAProxy mentioning <paramref name="marker"/>.</summary>
    public static void KillAll(string marker, int? pidFromFile)
    {
        var victims = Find(marker).ToList();
        if (pidFromFile is { } pid && IsLiveHaproxy(pid, out _))
        {
            victims.Add(pid);
        }

        foreach (var victim in victims.Distinct())
        {
            _ = NativeMethods.SendSignal(victim, (int)UnixSignal.Kill);
        }
    }

    public static bool IsLiveHaproxy(int pid, out string commandLine)
    {
        commandLine = string.Empty;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            commandLine = string.Join(' ', arguments);
            return state is not ('Z' or 'X') && Path.GetFileName(arguments[0]) == "haproxy";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

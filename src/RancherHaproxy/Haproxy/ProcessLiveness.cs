using System.Globalization;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// Whether a pid is still a running HAProxy process. kill(pid, 0) alone is not enough: a zombie
/// (exited, not yet reaped — e.g. a worker orphaned by a killed master) still answers it, and a
/// recycled pid may belong to something else entirely, which must never receive our SIGKILL.
/// </summary>
internal static class ProcessLiveness
{
    public static bool IsRunningHaproxy(int pid)
    {
        // Non-zero: ESRCH (gone) or EPERM (someone else's process, so not ours).
        if (pid <= 0 || NativeMethods.SendSignal(pid, NativeMethods.SignalProbe) != 0)
        {
            return false;
        }

        var procDirectory = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
        try
        {
            var stat = File.ReadAllText(procDirectory + "/stat");

            // Format: "pid (comm) S ..."; comm may hold spaces or parentheses, so read after the last ')'.
            var afterName = stat.LastIndexOf(')');
            var state = afterName >= 0 && afterName + 2 < stat.Length ? stat[afterName + 2] : '?';
            if (state is 'Z' or 'X' or 'x')
            {
                return false;
            }

            var name = File.ReadAllText(procDirectory + "/comm").Trim();
            return name.StartsWith("haproxy", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            // The process went away between the two looks.
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to inspect, so not ours.
            return false;
        }
    }
}

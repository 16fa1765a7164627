using RancherHaproxy.Configuration;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Hosting;

/// <summary>
/// What HAProxy's workers reach once they drop root: the run directory (root:&lt;group&gt; 0750, so
/// they can traverse to pages.sock, which the page server gives the same group). The admin and
/// master CLI sockets in it stay 0600 root: only the daemon uses them.
/// </summary>
internal static class WorkerAccess
{
    /// <summary>rwxr-x---: the daemon writes, the workers' group traverses and reads, nobody else.</summary>
    public const UnixFileMode RunDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    /// <summary>The group pages.sock gets: the workers' when they drop root, else the daemon's own.</summary>
    public static uint? SocketGroup(Settings settings) =>
        settings.Workers.Mode == WorkerMode.Drop ? settings.Workers.GroupId : null;

    /// <summary>
    /// With the drop in force, makes the run directory (already created) root:&lt;group&gt; 0750. A
    /// directory others may write to (HAPROXY_RUN_DIR=/tmp, say) is not the daemon's: left as it is.
    /// </summary>
    public static void PrepareRunDirectory(Settings settings, Logger log)
    {
        if (settings.Workers.Mode != WorkerMode.Drop || OperatingSystem.IsWindows())
        {
            return;
        }

        var path = settings.RunDirectory;
        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.OtherWrite | UnixFileMode.StickyBit)) != 0)
        {
            log.Warn("run directory is shared; its mode is left as it is", ("run_dir", path), ("variable", "HAPROXY_RUN_DIR"));
            return;
        }

        var error = NativeMethods.ChangeGroup(path, settings.Workers.GroupId);
        if (error != 0)
        {
            throw new IOException($"cannot give {path} to group {settings.Workers.Group} (errno {error})");
        }

        File.SetUnixFileMode(path, RunDirectoryMode);
        WarnIfUnreachable(Path.GetFullPath(path), settings.Workers, log);
    }

    /// <summary>
    /// A parent others cannot search (a 0700 home or temp directory) keeps the workers from pages.sock:
    /// every unknown host would get HAProxy's own 503. Only "others" is checked (the group is not known
    /// without stat), hence "may".
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void WarnIfUnreachable(string runDirectory, WorkerSettings workers, Logger log)
    {
        for (var parent = Path.GetDirectoryName(runDirectory); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if ((File.GetUnixFileMode(parent) & UnixFileMode.OtherExecute) == 0)
            {
                log.Warn("HAProxy workers may not reach the run directory: a parent directory is closed to others",
                    ("run_dir", runDirectory), ("directory", parent), ("user", workers.User), ("variable", "HAPROXY_RUN_DIR"));
                return;
            }
        }
    }
}

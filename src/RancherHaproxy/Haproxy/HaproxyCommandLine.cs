namespace RancherHaproxy.Haproxy;

/// <summary>The command line that starts HAProxy's master. Pure: options in, arguments out.</summary>
internal static class HaproxyCommandLine
{
    /// <summary>
    /// <c>haproxy -W -S master.sock,mode,600 -p pid -f main -f backends</c>, behind the
    /// parent-death launcher (<see cref="ParentDeathExec"/>) when the options name one.
    /// </summary>
    public static IReadOnlyList<string> Master(HaproxyOptions options)
    {
        string[] arguments =
        [
            "-W",
            "-S", options.MasterSocketPath + ",mode,600",
            "-p", options.PidFilePath,
            "-f", options.MainConfigPath,
            "-f", options.BackendConfigPath,
        ];
        return options.LauncherPath is null
            ? [options.BinaryPath, .. arguments]
            : [.. ParentDeathExec.Wrap(options.LauncherPath, options.BinaryPath, arguments)];
    }
}

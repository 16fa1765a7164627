namespace RancherHaproxy.Haproxy;

/// <summary>
/// Everything needed to run and check HAProxy, as plain values: <c>Hosting/ComponentOptions</c> maps
/// them from the settings, tests build them by hand.
/// </summary>
/// <param name="BinaryPath">The haproxy executable (a name on PATH or a path).</param>
/// <param name="MainConfigPath">HAPROXY_CONFIG: the main config (shipped or the user's own).</param>
/// <param name="BackendConfigPath">HAPROXY_BACKEND_CONFIG: the generated backends file, loaded as a second -f.</param>
/// <param name="RunDirectory">HAPROXY_RUN_DIR: pid file, master CLI socket and stats socket.</param>
/// <param name="Environment">Variables exported to HAProxy (and to `haproxy -c`) for "${VAR}" expansion.</param>
/// <param name="ShutdownGrace">How long in-flight requests may take to finish on a graceful stop.</param>
/// <param name="LauncherPath">
/// The daemon's own executable, which starts HAProxy with a parent-death signal (<see cref="ParentDeathExec"/>);
/// null starts HAProxy directly (tests under the JIT have no such executable).
/// </param>
internal sealed record HaproxyOptions(
    string BinaryPath,
    string MainConfigPath,
    string BackendConfigPath,
    string RunDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan ShutdownGrace,
    string? LauncherPath = null)
{
    public string PidFilePath => Path.Combine(RunDirectory, "haproxy.pid");

    public string MasterSocketPath => Path.Combine(RunDirectory, "master.sock");

    public string AdminSocketPath => Path.Combine(RunDirectory, "admin.sock");
}

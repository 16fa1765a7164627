namespace RancherHaproxy.Tests.TestSupport;

/// <summary>Files of this repository the tests use: the shipped haproxy.cfg, examples, the published binary.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ShippedHaproxyConfig => Path.Combine(Root, "haproxy", "haproxy.cfg");

    /// <summary>The published native binary: RANCHER_HAPROXY_BINARY (set by build.sh) or out/rancher-haproxy.</summary>
    public static string DaemonBinary
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("RANCHER_HAPROXY_BINARY");
            path = string.IsNullOrEmpty(path) ? Path.Combine(Root, "out", "rancher-haproxy") : path;
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The published binary {path} does not exist: run ./build.sh (or ./build.sh test) first.");
            }

            return path;
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Aot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Aot.sln not found above the test binaries.");
    }
}

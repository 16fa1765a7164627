using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RancherHaproxy.Tests.EndToEnd;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Bench;

/// <summary>out/rancher-haproxy with default settings except ports, paths and the given overrides; its log lines kept.</summary>
internal sealed class BenchDaemon : IAsyncDisposable
{
    public const string Domain = "bench.test";

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly string _directory;

    private BenchDaemon(Process process, string directory, int httpPort, int healthPort, long startedAt)
    {
        _process = process;
        StartedAt = startedAt;
        _directory = directory;
        HttpPort = httpPort;
        HealthPort = healthPort;
    }

    public int HttpPort { get; }

    /// <summary>The daemon's HEALTH_PORT (/metrics, /status); 0 when an override turned it off.</summary>
    public int HealthPort { get; }

    public int Pid => _process.Id;

    /// <summary>The daemon's temporary directory: backends.cfg, domain.map and run/ (admin.sock) live there.</summary>
    public string WorkDirectory => _directory;

    /// <summary>When the process was started, as a <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public long StartedAt { get; }

    public int LineCount
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    public static BenchDaemon Start(string root, FakeMetadataServer metadata, IReadOnlyDictionary<string, string> overrides)
    {
        var directory = Directory.CreateTempSubdirectory("rancher-haproxy-bench-").FullName;
        // 0700 by default: HAProxy's workers, unprivileged as root's daemon makes them, traverse it to the run directory's pages.sock.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        Directory.CreateDirectory(Path.Combine(directory, "run"));
        var httpPort = FreePort();
        var info = new ProcessStartInfo(Path.Combine(root, "out", "rancher-haproxy"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["STACK_DOMAIN"] = Domain,
            ["RANCHER_API_HOST"] = metadata.BaseHost,
            ["RANCHER_API_VERSION"] = MetadataVersions.V2,
            ["RANCHER_LABEL"] = ContainerBuilder.DefaultLabel,
            ["HAPROXY_CONFIG"] = Path.Combine(root, "haproxy", "haproxy.cfg"),
            ["HAPROXY_BACKEND_CONFIG"] = Path.Combine(directory, "backends.cfg"),
            ["HAPROXY_DOMAIN_MAP"] = Path.Combine(directory, "domain.map"),
            ["HAPROXY_RUN_DIR"] = Path.Combine(directory, "run"),
            ["HAPROXY_CRT_LIST"] = Path.Combine(directory, "crt-list.txt"),
            ["HAPROXY_SSL_CERT"] = Path.Combine(directory, "server.pem"),
            ["HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["HTTPS_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["STATS_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["HEALTH_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the daemon");
        var healthPort = int.Parse(environment["HEALTH_PORT"], CultureInfo.InvariantCulture);
        var daemon = new BenchDaemon(process, directory, httpPort, healthPort, startedAt);
        process.OutputDataReceived += (_, line) => daemon.Add(line.Data);
        process.ErrorDataReceived += (_, line) => daemon.Add(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return daemon;
    }

    /// <summary>Lines from <paramref name="fromIndex"/> on that contain every one of <paramref name="parts"/>.</summary>
    public int Count(int fromIndex, params string[] parts)
    {
        lock (_lines)
        {
            return _lines.Skip(fromIndex).Count(line => parts.All(part => line.Contains(part, StringComparison.Ordinal)));
        }
    }

    /// <summary>The value of <paramref name="key"/>= in each line from <paramref name="fromIndex"/> on that contains <paramref name="part"/>.</summary>
    public IReadOnlyList<string> Field(int fromIndex, string part, string key)
    {
        lock (_lines)
        {
            return [.. _lines.Skip(fromIndex).Where(line => line.Contains(part, StringComparison.Ordinal))
                .Select(line => line.Split(' ').FirstOrDefault(field => field.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..] ?? "?")];
        }
    }

    /// <summary>Waits for a line from <paramref name="fromIndex"/> on that contains every one of <paramref name="parts"/>.</summary>
    public Task WaitForAsync(TimeSpan timeout, int fromIndex, params string[] parts) =>
        Eventually.UntilAsync(
            () => Count(fromIndex, parts) > 0 || (_process.HasExited ? throw new TimeoutException($"daemon exited; {LastLines()}") : false),
            found => found,
            timeout,
            $"a daemon line with {string.Join(" ", parts)}",
            _ => LastLines(),
            pollInterval: TimeSpan.FromMilliseconds(50));

    private string LastLines() => $"last lines:\n{string.Join('\n', Tail(20))}";

    /// <summary>VmRSS of the daemon process alone, in KiB.</summary>
    public long RssKilobytes() => Resources().RssKilobytes;

    /// <summary>The daemon's open descriptors and resident size now.</summary>
    public ProcessResources Resources() => ProcessResources.Of(Pid);

    public IReadOnlyList<string> Tail(int count)
    {
        lock (_lines)
        {
            return [.. _lines.TakeLast(count)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}

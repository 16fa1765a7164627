using System.Globalization;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// Everything one end-to-end test runs: a temp directory, the fake metadata server, backends on
/// 127.0.0.x, the daemon and a probe on its HTTP port. Disposing tears it all down, daemon first,
/// and dumps the daemon's output into the test output.
/// </summary>
internal sealed class EndToEndHarness : IAsyncDisposable
{
    public const string StackDomain = "e2e.test";

    /// <summary>What a host no stack answers to gets by default (UNKNOWN_HOST_STATUS unset).</summary>
    public const int UnknownHostStatus = 404;

    /// <summary>Generous bound for HAProxy to start and the first routes to be applied.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The bound the issue asks for: a metadata change answers "within seconds".</summary>
    public static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(5);

    private readonly List<BackendListener> _backends = [];
    private readonly ITestOutputHelper _output;

    private EndToEndHarness(ITestOutputHelper output, FakeMetadataServer metadata)
    {
        _output = output;
        Metadata = metadata;
    }

    public TempDirectory Directory { get; } = new();

    public FakeMetadataServer Metadata { get; }

    public DaemonProcess Daemon { get; private set; } = null!;

    public HttpProbe Probe { get; private set; } = null!;

    /// <summary>The daemon's HEALTH_PORT as last started (/healthz, /readyz, /status, /metrics).</summary>
    public int HealthPort { get; private set; }

    public string DomainMapPath => Directory.Combine("domain.map");

    public string BackendConfigPath => Directory.Combine("backends.cfg");

    public string RunDirectory => Directory.Combine("run");

    public static async Task<EndToEndHarness> StartAsync(ITestOutputHelper output) =>
        new(output, await FakeMetadataServer.StartAsync());

    public static string HostFor(string stack) => $"{stack}.{StackDomain}";

    public async Task<BackendListener> StartBackendAsync(string name, TimeSpan delay = default)
    {
        var backend = await BackendListener.StartAsync(name, delay);
        _backends.Add(backend);
        return backend;
    }

    /// <summary>
    /// The environment the daemon gets, and nothing else: ports from FreePort, every file it may write
    /// in the temp directory, the shipped haproxy.cfg, the fake as RANCHER_API_HOST, POLL_INTERVAL=1.
    /// </summary>
    public Dictionary<string, string> DefaultEnvironment()
    {
        System.IO.Directory.CreateDirectory(RunDirectory);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["STACK_DOMAIN"] = StackDomain,
            ["RANCHER_API_HOST"] = Metadata.BaseHost,
            ["RANCHER_API_VERSION"] = MetadataVersions.V2,
            ["RANCHER_LABEL"] = ContainerBuilder.DefaultLabel,
            ["HAPROXY_CONFIG"] = RepositoryPaths.ShippedHaproxyConfig,
            ["HAPROXY_BACKEND_CONFIG"] = BackendConfigPath,
            ["HAPROXY_DOMAIN_MAP"] = DomainMapPath,
            ["HAPROXY_RUN_DIR"] = RunDirectory,
            // Not used with ENABLE_SSL=false, yet the daemon writes the crt-list anyway: keep it in the
            // test's directory, or parallel daemons race on /usr/local/etc/haproxy/crt-list.txt.
            ["HAPROXY_CRT_LIST"] = Directory.Combine("crt-list.txt"),
            ["HAPROXY_SSL_CERT"] = Directory.Combine("server.pem"),
            ["HTTP_PORT"] = Port(),
            ["HTTPS_PORT"] = Port(),
            ["STATS_PORT"] = Port(),
            // The daemon's health port: parallel daemons must not race for the default 1042.
            ["HEALTH_PORT"] = Port(),
            ["HAPROXY_BIN"] = HaproxyBinary.Path,
            ["POLL_INTERVAL"] = "1",
        };
    }

    /// <summary>Starts the daemon with <see cref="DefaultEnvironment"/> plus overrides; a null override removes the variable.</summary>
    public DaemonProcess StartDaemon(IReadOnlyDictionary<string, string?>? overrides = null, IReadOnlyList<string>? launcher = null)
    {
        var environment = DefaultEnvironment();
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                environment.Remove(name);
            }
            else
            {
                environment[name] = value;
            }
        }

        Daemon = DaemonProcess.Start(environment, Directory.Path, _output, launcher);
        HealthPort = int.TryParse(environment.GetValueOrDefault("HEALTH_PORT", "1042"), CultureInfo.InvariantCulture, out var healthPort) ? healthPort : 0;
        Probe = new HttpProbe(int.Parse(environment.GetValueOrDefault("HTTP_PORT", "80"), CultureInfo.InvariantCulture));
        return Daemon;
    }

    /// <summary>Starts the daemon and waits until HAProxy runs and a first set of routes is applied.</summary>
    public async Task<DaemonProcess> StartDaemonAndWaitForRoutesAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var daemon = StartDaemon(overrides);
        await daemon.WaitForEventAsync("haproxy", "started", StartTimeout);
        await daemon.WaitForEventAsync("sync", "routes applied", StartTimeout);
        return daemon;
    }

    /// <summary>Records a measured duration in the test output (the issue asks for measured change-to-route times).</summary>
    public void Record(string what, TimeSpan elapsed) =>
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measured: {what} in {elapsed.TotalMilliseconds:0} ms"));

    public async ValueTask DisposeAsync()
    {
        if (Daemon is not null)
        {
            await Daemon.DisposeAsync();
        }

        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }

        await Metadata.DisposeAsync();
        Directory.Dispose();
    }

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}

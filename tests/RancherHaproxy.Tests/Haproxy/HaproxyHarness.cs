using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;
using RancherHaproxy.Rendering;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Haproxy;

/// <summary>
/// A real HAProxy site for one test: the shipped haproxy.cfg (or a copy the test may break) on a
/// free port of 127.0.0.1, a temp run directory, a backends file without backends and an empty host map.
/// </summary>
internal sealed class HaproxyHarness : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StringWriter _logWriter = new();
    private readonly TextWriter _synchronizedLogWriter;

    public HaproxyHarness(bool copyMainConfig = false, TimeSpan? shutdownGrace = null)
    {
        Port = FreePort.Next();
        MainConfigPath = copyMainConfig ? _directory.Combine("haproxy.cfg") : RepositoryPaths.ShippedHaproxyConfig;
        if (copyMainConfig)
        {
            File.Copy(RepositoryPaths.ShippedHaproxyConfig, MainConfigPath);
        }

        BackendConfigPath = _directory.Combine("backends.cfg");
        DomainMapPath = _directory.Combine("domains.map");
        // What the daemon generates with no stack: no backend, the (empty) userlist the shipped config checks against.
        File.WriteAllText(BackendConfigPath, UsersRenderer.Render([]));
        File.WriteAllText(DomainMapPath, string.Empty);
        var runDirectory = _directory.Combine("run");
        Options = new HaproxyOptions(
            HaproxyBinary.Path,
            MainConfigPath,
            BackendConfigPath,
            runDirectory,
            ShippedConfigEnvironment.Create(Port, runDirectory, DomainMapPath),
            ShutdownGrace: shutdownGrace ?? TimeSpan.FromSeconds(5));
        _synchronizedLogWriter = TextWriter.Synchronized(_logWriter);
        Logger = new Logger(new LogSink(_synchronizedLogWriter, LogLevel.Debug, TimeProvider.System), "haproxy-control");
    }

    public int Port { get; }

    public string MainConfigPath { get; }

    public string BackendConfigPath { get; }

    public string DomainMapPath { get; }

    public HaproxyOptions Options { get; }

    public Logger Logger { get; }

    /// <summary>Everything logged so far: the controller's events and HAProxy's own lines.</summary>
    public string LogText
    {
        get
        {
            // TextWriter.Synchronized locks on the wrapper: reading under it never sees a half-written line.
            lock (_synchronizedLogWriter)
            {
                return _logWriter.ToString();
            }
        }
    }

    public string Combine(string name) => _directory.Combine(name);

    public HaproxyController CreateController() => new(Options, Logger);

    /// <summary>One request to the site on 127.0.0.1, on a fresh connection.</summary>
    public async Task<(int Status, string Body)> GetAsync(string host, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{Port}/"));
        request.Headers.Host = host;
        using var response = await client.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public void Dispose() => _directory.Dispose();
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>
/// Smoke tests of the daemon-served health endpoint on real HAProxy: readiness before and after the
/// first routes, /metrics and /metrics/haproxy present, SHUTDOWN_DELAY, a port already taken, and the
/// healthcheck subcommand. (The main health and metrics suite lives beside this file.)
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class HealthSmokeTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Fact(Timeout = 90_000)]
    public async Task Readyz_MetadataFailingAtStart_NotReadyUntilTheFirstRoutesThenReady()
    {
        Harness.Metadata.Fault = MetadataFault.ServerError;
        var daemon = Harness.StartDaemon();
        await daemon.WaitForEventAsync("daemon", "health endpoint listening", EndToEndHarness.StartTimeout);
        await daemon.WaitForEventAsync("haproxy", "started", EndToEndHarness.StartTimeout);
        var health = new RawHttpClient(Harness.HealthPort);

        var notReady = await health.GetAsync("localhost", "/readyz");
        var alive = await health.GetAsync("localhost", "/healthz");
        Harness.Metadata.Fault = MetadataFault.None;
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        var ready = await Eventually.UntilAsync(() => health.GetAsync("localhost", "/readyz"), answer => answer.Status == 200, EndToEndHarness.StartTimeout, "/readyz 200");
        var metrics = await health.GetAsync("localhost", "/metrics");

        notReady.Status.Should().Be(503);
        notReady.Body.Should().Be("not ready: waiting for the first routes\n");
        alive.Status.Should().Be(200, "the loop runs and HAProxy runs: alive, only not ready");
        ready.Body.Should().Be("ready\n");
        metrics.ContentType.Should().Be("text/plain; version=0.0.4; charset=utf-8");
        Value(metrics.Body, "rancher_haproxy_metadata_errors_total{kind=\"http_status\"}").Should().BeGreaterThan(0);
        Value(metrics.Body, "rancher_haproxy_servers").Should().Be(1);
        metrics.Body.Should().Contain("rancher_haproxy_stack_backend_info{stack=\"alpha\",backend=\"spare_000\"} 1");
    }

    [Fact(Timeout = 90_000)]
    public async Task Status_And_HaproxyExporter_AfterTheFirstRoutes()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        await Harness.StartDaemonAndWaitForRoutesAsync();
        var health = new RawHttpClient(Harness.HealthPort);

        var status = await health.GetAsync("localhost", "/status");
        var exporter = await health.GetAsync("localhost", "/metrics/haproxy");
        var head = await health.GetAsync("localhost", "/healthz", method: "HEAD");
        var post = await health.GetAsync("localhost", "/healthz", method: "POST");

        status.Status.Should().Be(200);
        status.ContentType.Should().Be("application/json; charset=utf-8");
        using var document = JsonDocument.Parse(status.Body);
        var root = document.RootElement;
        root.GetProperty("ready").GetBoolean().Should().BeTrue();
        root.GetProperty("healthy").GetBoolean().Should().BeTrue();
        root.GetProperty("haproxy_version").GetString().Should().MatchRegex(@"^\d+\.\d+\.\d+\S*$");
        root.GetProperty("last_read").GetProperty("source_version").GetString().Should().Be(Harness.Metadata.Version);
        root.GetProperty("counts").GetProperty("servers").GetInt32().Should().Be(1);
        exporter.Status.Should().Be(200, exporter.ToString());
        exporter.Body.Should().Contain("# TYPE haproxy_process_nbthread gauge").And.Contain("haproxy_backend_");
        head.Status.Should().Be(200);
        head.Body.Should().BeEmpty();
        post.Status.Should().Be(405);
    }

    [Fact(Timeout = 90_000)]
    public async Task Shutdown_WithDelay_ReadinessOffWhileHaproxyServesThenASecondSignalStops()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SHUTDOWN_DELAY"] = "60s" });
        var health = new RawHttpClient(Harness.HealthPort);

        daemon.Signal(UnixSignal.Terminate);
        var waiting = await daemon.WaitForEventAsync("daemon", "shutdown: readiness off, waiting before stopping", EndToEndHarness.StartTimeout);
        var readyz = await health.GetAsync("localhost", "/readyz");
        var served = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));
        var stopwatch = Stopwatch.StartNew();
        daemon.Signal(UnixSignal.Terminate);
        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));

        waiting.Field("delay").Should().Be("60s");
        readyz.Status.Should().Be(503);
        readyz.Body.Should().Be("not ready: shutting down\n");
        served.Backend.Should().Be("alpha-1", "HAProxy keeps serving during the delay");
        exitCode.Should().Be(0);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the second signal skips the rest of the delay");
    }

    [Fact(Timeout = 90_000)]
    public async Task HealthPortTaken_OneErrorAndRoutingGoesOn()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Any, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));

        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["HEALTH_PORT"] = port });
        var routed = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"));

        var error = daemon.Lines.Single(line => line.Is("daemon", "health endpoint unavailable"));
        error.Level.Should().Be("error");
        error.Field("variable").Should().Be("HEALTH_PORT");
        error.Field("port").Should().Be(port);
        routed.Backend.Should().Be("alpha-1");
    }

    [Fact(Timeout = 90_000)]
    public async Task HealthcheckSubcommand_ReadyDaemon_ExitsZero_NoDaemon_ExitsOne()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var ready = await RunHealthcheckAsync(Harness.HealthPort.ToString(CultureInfo.InvariantCulture));
        var nobody = await RunHealthcheckAsync(FreePort.Next().ToString(CultureInfo.InvariantCulture));
        var off = await RunHealthcheckAsync("0");

        ready.Should().Be((0, "ready"));
        nobody.ExitCode.Should().Be(1);
        nobody.Line.Should().StartWith("no answer from 127.0.0.1:");
        off.ExitCode.Should().Be(1);
    }

    private static async Task<(int ExitCode, string Line)> RunHealthcheckAsync(string port)
    {
        var start = new ProcessStartInfo(RepositoryPaths.DaemonBinary, "healthcheck")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        start.Environment["HEALTH_PORT"] = port;
        using var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, line.Trim());
    }

    /// <summary>The value of the sample line that starts with <paramref name="series"/> and a space.</summary>
    private static double Value(string metrics, string series) =>
        double.Parse(metrics.Split('\n').Single(line => line.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..], CultureInfo.InvariantCulture);
}

using System.Text;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Operations;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Tests.Operations;

public sealed class HealthRouterTests
{
    [Fact]
    public void Healthz_LoopFreshAndHaproxyRunning_Ok()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();

        // Act
        var response = Route("/healthz", state.View(null));

        // Assert
        response.Status.Should().Be(200);
        response.ContentType.Should().Be("text/plain; charset=utf-8");
        Body(response).Should().Be("ok\n");
    }

    [Fact]
    public void Healthz_HeartbeatOlderThanTheLimit_SyncLoopStalled()
    {
        // Arrange
        var (state, clock) = OperationsSamples.Applied();
        clock.Advance(TimeSpan.FromSeconds(155));
        Route("/healthz", state.View(null)).Status.Should().Be(200, "exactly at the limit is still alive");

        // Act
        clock.Advance(TimeSpan.FromSeconds(1));
        var response = Route("/healthz", state.View(null));

        // Assert
        response.Status.Should().Be(503);
        Body(response).Should().Be("unhealthy: sync loop stalled\n");
    }

    [Fact]
    public void Healthz_HeartbeatBeatsAgain_Recovers()
    {
        // Arrange
        var (state, clock) = OperationsSamples.Applied();
        clock.Advance(TimeSpan.FromMinutes(5));

        // Act
        state.Heartbeat.Beat();

        // Assert
        Route("/healthz", state.View(null)).Status.Should().Be(200);
    }

    [Fact]
    public void Healthz_NoLoop_OnlyHaproxyCounts()
    {
        // Arrange
        var (state, clock) = OperationsSamples.Applied();
        clock.Advance(TimeSpan.FromHours(3));

        // Act
        var response = HealthRouter.Route(Get("/healthz"), state.View(null), OperationsSamples.Options() with { StallAfter = null });

        // Assert
        response.Status.Should().Be(200);
    }

    [Theory]
    [InlineData("NotStarted", 200)]
    [InlineData("Starting", 200)]
    [InlineData("Reloading", 200)]
    [InlineData("Stopping", 200)]
    [InlineData("Exited", 503)]
    [InlineData("Failed", 503)]
    [InlineData("Stopped", 503)]
    public void Healthz_ByHaproxyState(string haproxy, int status)
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();
        state.WatchHaproxy(() => Enum.Parse<HaproxyState>(haproxy));

        // Act
        var response = Route("/healthz", state.View(null));

        // Assert
        response.Status.Should().Be(status);
        if (status == 503)
        {
            Body(response).Should().Be("unhealthy: haproxy not running\n");
        }
    }

    [Fact]
    public void Readyz_BeforeTheFirstRoutes_WaitingForTheFirstRoutes()
    {
        // Arrange
        var (state, _) = OperationsSamples.NewState();
        state.WatchHaproxy(() => HaproxyState.Running);

        // Act
        var response = Route("/readyz", state.View(null));

        // Assert
        response.Status.Should().Be(503);
        Body(response).Should().Be("not ready: waiting for the first routes\n");
    }

    [Fact]
    public void Readyz_RoutesAppliedAndHaproxyRunning_Ready()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();

        // Act
        var response = Route("/readyz", state.View(null));

        // Assert
        response.Status.Should().Be(200);
        Body(response).Should().Be("ready\n");
    }

    [Fact]
    public void Readyz_MetadataDownLater_StaysReady()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();

        // Act
        state.MetadataFailed(RancherHaproxy.Discovery.MetadataErrorKind.Unreachable, "GET http://m/version failed");

        // Assert
        Route("/readyz", state.View(null)).Status.Should().Be(200);
    }

    [Fact]
    public void Readyz_ShuttingDown_NotReadyEvenWithRoutes()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();

        // Act
        state.ShutdownStarted();
        var response = Route("/readyz", state.View(null));

        // Assert
        response.Status.Should().Be(503);
        Body(response).Should().Be("not ready: shutting down\n");
        Route("/healthz", state.View(null)).Status.Should().Be(200, "alive while it drains");
    }

    [Fact]
    public void Readyz_FilesServedWithoutDiscovery_ReadyOnceHaproxyRuns()
    {
        // Arrange
        var (state, _) = OperationsSamples.NewState();
        state.WatchHaproxy(() => HaproxyState.Starting);
        state.FilesServed();
        Route("/readyz", state.View(null)).Status.Should().Be(503);

        // Act
        state.WatchHaproxy(() => HaproxyState.Running);

        // Assert
        Route("/readyz", state.View(null)).Status.Should().Be(200);
    }

    [Fact]
    public void Status_And_Metrics_HaveTheirContentTypesAndAreNotCached()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();

        // Act
        var status = Route("/status", state.View(null));
        var metrics = Route("/metrics", state.View(null));

        // Assert
        status.ContentType.Should().Be("application/json; charset=utf-8");
        metrics.ContentType.Should().Be("text/plain; version=0.0.4; charset=utf-8");
        metrics.Headers.Should().Contain(PageResponse.NoStore);
    }

    [Fact]
    public void MetricsHaproxy_WithoutExporter_404()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();

        // Act
        var response = Route("/metrics/haproxy", state.View(null));

        // Assert
        response.Status.Should().Be(404);
        Body(response).Should().Be("HAProxy has no Prometheus exporter\n");
    }

    [Fact]
    public void MetricsHaproxy_WithExporter_IsProxied()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();

        // Act
        var response = HealthRouter.Route(Get("/metrics/haproxy"), state.View(null), OperationsSamples.Options("/run/prometheus.sock"));

        // Assert
        response.Should().BeSameAs(HealthRouter.ProxyToExporter);
    }

    [Theory]
    [InlineData("POST", "/healthz", 405)]
    [InlineData("PUT", "/nowhere", 405)]
    [InlineData("GET", "/", 404)]
    [InlineData("GET", "/healthz/", 404)]
    [InlineData("HEAD", "/readyz", 200)]
    public void Route_MethodAndPath(string method, string path, int status)
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();

        // Act
        var response = HealthRouter.Route(new PageRequest(method, path, "localhost", null, null), state.View(null), OperationsSamples.Options());

        // Assert
        response.Status.Should().Be(status);
    }

    private static PageResponse Route(string path, HealthView view) => HealthRouter.Route(Get(path), view, OperationsSamples.Options());

    private static PageRequest Get(string path) => new("GET", path, "localhost", null, null);

    private static string Body(PageResponse response) => Encoding.UTF8.GetString(response.Body);
}

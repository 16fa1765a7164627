using System.Text;
using RancherHaproxy.Discovery;
using RancherHaproxy.Operations;
using RancherHaproxy.RuntimeApi;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Operations;

public sealed class MetricsTextTests
{
    private static readonly string[] Families =
    [
        "rancher_haproxy_build_info gauge", "rancher_haproxy_ready gauge", "rancher_haproxy_metadata_reachable gauge",
        "rancher_haproxy_syncs_total counter", "rancher_haproxy_metadata_errors_total counter",
        "rancher_haproxy_last_sync_timestamp_seconds gauge", "rancher_haproxy_apply_duration_seconds histogram",
        "rancher_haproxy_reloads_total counter", "rancher_haproxy_runtime_operations_total counter",
        "rancher_haproxy_stacks gauge", "rancher_haproxy_servers gauge", "rancher_haproxy_hosts gauge",
        "rancher_haproxy_skipped_containers gauge",
    ];

    [Fact]
    public void Render_AtStart_EveryFamilyInOrderWithHelpAndEveryCounterAtZero()
    {
        // Arrange
        var (state, _) = OperationsSamples.NewState();

        // Act
        var lines = Render(state.View(null));

        // Assert
        lines.Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(line => line[7..])
            .Should().Equal([.. Families, "rancher_haproxy_stack_backend_info gauge"]);
        lines.Count(line => line.StartsWith("# HELP ", StringComparison.Ordinal)).Should().Be(Families.Length + 1);
        lines.Where(line => line.StartsWith("rancher_haproxy_syncs_total{", StringComparison.Ordinal)).Should().HaveCount(3).And.OnlyContain(line => line.EndsWith(" 0", StringComparison.Ordinal));
        lines.Where(line => line.StartsWith("rancher_haproxy_metadata_errors_total{", StringComparison.Ordinal)).Should().HaveCount(4);
        lines.Where(line => line.StartsWith("rancher_haproxy_reloads_total{", StringComparison.Ordinal)).Should().HaveCount(10);
        lines.Where(line => line.StartsWith("rancher_haproxy_runtime_operations_total{", StringComparison.Ordinal)).Should().HaveCount(26)
            .And.Contain("rancher_haproxy_runtime_operations_total{kind=\"remove_server\",result=\"failed\"} 0")
            .And.Contain("rancher_haproxy_runtime_operations_total{kind=\"set_server_address\",result=\"ok\"} 0");
        lines.Where(line => line.StartsWith("rancher_haproxy_skipped_containers{", StringComparison.Ordinal)).Should().HaveCount(5);
        lines.Should().Contain(["rancher_haproxy_ready 0", "rancher_haproxy_metadata_reachable 1", "rancher_haproxy_last_sync_timestamp_seconds 0"]);
        lines.Should().Contain("rancher_haproxy_build_info{version=\"1.2.3+abc\",haproxy_version=\"\"} 1");
        lines.Should().NotContain(line => line.Contains("rancher_haproxy_certificate_", StringComparison.Ordinal), "no TLS, no certificate families");
    }

    [Fact]
    public void Render_AfterEvents_CountsAndGaugesMove()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();
        state.Counters.Reload(ReloadReason.Consolidation, succeeded: true);
        state.Counters.RuntimeOperation(RuntimeOperationKind.DrainServer, succeeded: false);
        state.Counters.RuntimeOperation(OperationsCounters.RemoveServerKind, succeeded: true);
        state.MetadataFailed(MetadataErrorKind.HttpStatus, "GET http://m/containers answered HTTP 500");

        // Act
        var lines = Render(state.View(null));

        // Assert
        lines.Should().Contain(
        [
            "rancher_haproxy_build_info{version=\"1.2.3+abc\",haproxy_version=\"3.2.0\"} 1",
            "rancher_haproxy_ready 1",
            "rancher_haproxy_metadata_reachable 0",
            "rancher_haproxy_syncs_total{result=\"changed\"} 1",
            "rancher_haproxy_syncs_total{result=\"failed\"} 1",
            "rancher_haproxy_metadata_errors_total{kind=\"http_status\"} 1",
            "rancher_haproxy_last_sync_timestamp_seconds " + new DateTimeOffset(2026, 12, 1, 14, 0, 2, TimeSpan.Zero).ToUnixTimeSeconds(),
            "rancher_haproxy_apply_duration_seconds_bucket{le=\"0.01\"} 0",
            "rancher_haproxy_apply_duration_seconds_bucket{le=\"0.025\"} 1",
            "rancher_haproxy_apply_duration_seconds_count 1",
            "rancher_haproxy_reloads_total{reason=\"consolidation\",result=\"ok\"} 1",
            "rancher_haproxy_runtime_operations_total{kind=\"drain_server\",result=\"failed\"} 1",
            "rancher_haproxy_runtime_operations_total{kind=\"remove_server\",result=\"ok\"} 1",
            "rancher_haproxy_stacks 2",
            "rancher_haproxy_servers 3",
            "rancher_haproxy_hosts 3",
            "rancher_haproxy_skipped_containers{reason=\"starting\"} 1",
            "rancher_haproxy_skipped_containers{reason=\"unhealthy\"} 1",
            "rancher_haproxy_skipped_containers{reason=\"bad_label\"} 1",
            "rancher_haproxy_skipped_containers{reason=\"no_ip\"} 0",
        ]);
        lines.Where(line => line.StartsWith("rancher_haproxy_stack_backend_info{", StringComparison.Ordinal)).Should().Equal(
            "rancher_haproxy_stack_backend_info{stack=\"app\",backend=\"stack_app\"} 1",
            "rancher_haproxy_stack_backend_info{stack=\"shop\",backend=\"spare_003\"} 1");
        lines.Should().NotContain(line => line.Contains("u1", StringComparison.Ordinal) || line.Contains("web_", StringComparison.Ordinal), "no container in a label");
    }

    [Fact]
    public void Render_WithCertificateReport_AddsBothCertificateFamiliesBeforeTheStackInfo()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();
        var notAfter = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var report = new FixedReport(new CertificateReportSnapshot(
            [new CertificateFacts("server.pem", "app.example.com", ["app.example.com"], notAfter), new CertificateFacts("metadata", "x", [], notAfter)],
            ["shop.example.com"]));

        // Act
        var lines = Render(state.View(report));

        // Assert
        var types = lines.Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(line => line.Split(' ')[2]).ToList();
        types.Should().ContainInOrder("rancher_haproxy_skipped_containers", "rancher_haproxy_certificate_not_after_seconds",
            "rancher_haproxy_certificate_uncovered_hosts", "rancher_haproxy_stack_backend_info");
        lines.Should().Contain(
        [
            "rancher_haproxy_certificate_not_after_seconds{certificate=\"server.pem\"} " + notAfter.ToUnixTimeSeconds(),
            "rancher_haproxy_certificate_not_after_seconds{certificate=\"metadata\"} " + notAfter.ToUnixTimeSeconds(),
            "rancher_haproxy_certificate_uncovered_hosts 1",
        ]);
    }

    [Fact]
    public void Render_EndsWithALineFeedAndIsUtf8()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();

        // Act
        var text = Encoding.UTF8.GetString(MetricsText.Render(state.View(null), OperationsSamples.Options()));

        // Assert
        text.Should().EndWith("\n").And.NotContain("\r");
    }

    private static List<string> Render(HealthView view) =>
        [.. Encoding.UTF8.GetString(MetricsText.Render(view, OperationsSamples.Options())).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private sealed class FixedReport(CertificateReportSnapshot snapshot) : ICertificateReport
    {
        public CertificateReportSnapshot Current => snapshot;
    }
}

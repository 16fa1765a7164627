namespace RancherHaproxy.Operations;

/// <summary>The gauges of what runs: routes, skipped containers, certificates, stack → backend.</summary>
internal static partial class MetricsText
{
    private static void WriteRoutes(PrometheusWriter writer, RoutesFacts routes)
    {
        writer.Family(Prefix + "stacks", "gauge", "Stacks routed (with a backend).");
        writer.Sample(Prefix + "stacks", routes.Stacks);
        writer.Family(Prefix + "servers", "gauge", "Servers (routed containers) in the applied routes.");
        writer.Sample(Prefix + "servers", routes.Servers);
        writer.Family(Prefix + "hosts", "gauge", "Host names routed to a stack.");
        writer.Sample(Prefix + "hosts", routes.Hosts);
        writer.Family(Prefix + "skipped_containers", "gauge", "Containers carrying RANCHER_LABEL that take no requests, by reason.");
        var skipped = routes.Skipped;
        int[] counts = [skipped.Starting, skipped.Stopped, skipped.Unhealthy, skipped.NoIp, skipped.BadLabel];
        for (var reason = 0; reason < SkipReasons.Length; reason++)
        {
            writer.Sample(Prefix + "skipped_containers", "reason", SkipReasons[reason], counts[reason]);
        }
    }

    private static void WriteCertificates(PrometheusWriter writer, HealthView view)
    {
        if (view.Certificates is not { } report)
        {
            return;
        }

        writer.Family(Prefix + "certificate_not_after_seconds", "gauge", "Unix time at which each certificate HAProxy serves expires.");
        foreach (var certificate in report.Certificates)
        {
            writer.Sample(Prefix + "certificate_not_after_seconds", "certificate", certificate.Name, certificate.NotAfter.ToUnixTimeSeconds());
        }

        writer.Family(Prefix + "certificate_uncovered_hosts", "gauge", "Routed host names that no loaded certificate covers.");
        writer.Sample(Prefix + "certificate_uncovered_hosts", report.UncoveredHosts.Count);
    }

    private static void WriteStackBackends(PrometheusWriter writer, RoutesFacts routes)
    {
        writer.Family(Prefix + "stack_backend_info", "gauge", "The HAProxy backend serving each stack (its own, or a spare taken at run time); always 1.");
        foreach (var backend in routes.Table.Backends)
        {
            var serving = routes.ServedBy is { } servedBy && servedBy.TryGetValue(backend.Name, out var spare) ? spare : backend.Name;
            writer.Sample(Prefix + "stack_backend_info", "stack", backend.Stack, "backend", serving, 1);
        }
    }
}

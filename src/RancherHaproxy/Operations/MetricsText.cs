namespace RancherHaproxy.Operations;

/// <summary>
/// <c>/metrics</c>: the daemon's own metrics under <c>rancher_haproxy_</c>, in the documented order.
/// Every labelled counter has all of its label combinations from the start; no label carries a
/// container uuid. Pure: from one <see cref="HealthView"/> to text.
/// </summary>
internal static partial class MetricsText
{
    public const string Prefix = "rancher_haproxy_";

    private static readonly string[] SkipReasons = ["starting", "stopped", "unhealthy", "no_ip", "bad_label"];

    /// <summary>The whole exposition as one array (tests; the server renders into a pooled buffer instead).</summary>
    public static byte[] Render(HealthView view, HealthOptions options)
    {
        using var output = new PooledBufferWriter();
        Render(view, options, output);
        return output.ToArray();
    }

    public static void Render(HealthView view, HealthOptions options, System.Buffers.IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(options);
        var writer = new PrometheusWriter(output);
        WriteState(writer, view, options);
        WriteCounters(writer, view);
        WriteRoutes(writer, view.Snapshot.Routes);
        WriteCertificates(writer, view);
        WriteStackBackends(writer, view.Snapshot.Routes);
    }

    private static void WriteState(PrometheusWriter writer, HealthView view, HealthOptions options)
    {
        writer.Family(Prefix + "build_info", "gauge", "The daemon's version and HAProxy's, as labels; always 1.");
        writer.Sample(Prefix + "build_info", "version", options.Version, "haproxy_version", view.Snapshot.HaproxyVersion ?? string.Empty, 1);
        writer.Family(Prefix + "ready", "gauge", "1 when /readyz answers 200: the first routes applied, HAProxy serving, not shutting down.");
        writer.Sample(Prefix + "ready", HealthChecks.NotReady(view) is null ? 1 : 0);
        writer.Family(Prefix + "metadata_reachable", "gauge", "1 while the metadata source answers; 0 from its first failed read until it answers again.");
        writer.Sample(Prefix + "metadata_reachable", view.Snapshot.MetadataReachable ? 1 : 0);
    }

    private static void WriteCounters(PrometheusWriter writer, HealthView view)
    {
        var counters = view.Counters;
        writer.Family(Prefix + "syncs_total", "counter", "Sync cycles by result: routes changed, unchanged, or the cycle failed.");
        for (var result = 0; result < OperationsCounters.SyncResults.Length; result++)
        {
            writer.Sample(Prefix + "syncs_total", "result", OperationsCounters.SyncResults[result], counters.Syncs(result));
        }

        writer.Family(Prefix + "metadata_errors_total", "counter", "Failed metadata reads by kind.");
        for (var kind = 0; kind < OperationsCounters.MetadataKinds.Length; kind++)
        {
            writer.Sample(Prefix + "metadata_errors_total", "kind", OperationsCounters.MetadataKinds[kind], counters.MetadataErrors(kind));
        }

        writer.Family(Prefix + "last_sync_timestamp_seconds", "gauge", "Unix time of the last successful sync cycle; 0 before the first.");
        writer.Sample(Prefix + "last_sync_timestamp_seconds", view.Snapshot.LastSync?.ToUnixTimeSeconds() ?? 0);
        WriteApplyCounters(writer, counters);
    }

    private static void WriteApplyCounters(PrometheusWriter writer, OperationsCounters counters)
    {
        var histogram = counters.ApplyDuration;
        writer.Family(Prefix + "apply_duration_seconds", "histogram", "From a parsed metadata answer to its routes applied, for answers that changed routes.");
        writer.Histogram(Prefix + "apply_duration_seconds", ApplyHistogram.Bounds, histogram.CumulativeCount, histogram.SumSeconds, histogram.Count);
        writer.Family(Prefix + "reloads_total", "counter", "HAProxy reloads by reason and result.");
        for (var reason = 0; reason < OperationsCounters.ReloadReasons.Length; reason++)
        {
            for (var result = 0; result < OperationsCounters.Results.Length; result++)
            {
                writer.Sample(Prefix + "reloads_total", "reason", OperationsCounters.ReloadReasons[reason], "result", OperationsCounters.Results[result],
                    counters.Reloads(reason, result));
            }
        }

        writer.Family(Prefix + "runtime_operations_total", "counter", "Runtime API changes sent to HAProxy instead of a reload, by kind and result.");
        for (var kind = 0; kind < OperationsCounters.RuntimeKinds.Length; kind++)
        {
            for (var result = 0; result < OperationsCounters.Results.Length; result++)
            {
                writer.Sample(Prefix + "runtime_operations_total", "kind", OperationsCounters.RuntimeKinds[kind], "result", OperationsCounters.Results[result],
                    counters.RuntimeOperations(kind, result));
            }
        }
    }
}

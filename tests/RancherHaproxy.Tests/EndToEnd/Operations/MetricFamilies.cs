namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>The contract's table of the daemon's own metric families (docs: spec §1 /metrics), in its order.</summary>
internal static class MetricFamilies
{
    public const string Prefix = "rancher_haproxy_";

    public static readonly IReadOnlyList<(string Name, string Type)> All =
    [
        ("rancher_haproxy_build_info", "gauge"),
        ("rancher_haproxy_ready", "gauge"),
        ("rancher_haproxy_metadata_reachable", "gauge"),
        ("rancher_haproxy_syncs_total", "counter"),
        ("rancher_haproxy_metadata_errors_total", "counter"),
        ("rancher_haproxy_last_sync_timestamp_seconds", "gauge"),
        ("rancher_haproxy_apply_duration_seconds", "histogram"),
        ("rancher_haproxy_reloads_total", "counter"),
        ("rancher_haproxy_runtime_operations_total", "counter"),
        ("rancher_haproxy_stacks", "gauge"),
        ("rancher_haproxy_servers", "gauge"),
        ("rancher_haproxy_hosts", "gauge"),
        ("rancher_haproxy_skipped_containers", "gauge"),
        ("rancher_haproxy_certificate_not_after_seconds", "gauge"),
        ("rancher_haproxy_certificate_uncovered_hosts", "gauge"),
        ("rancher_haproxy_stack_backend_info", "gauge"),
    ];

    public static readonly IReadOnlyList<string> TlsOnly = ["rancher_haproxy_certificate_not_after_seconds", "rancher_haproxy_certificate_uncovered_hosts"];

    public static readonly IReadOnlyList<double> ApplyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, double.PositiveInfinity];

    public static readonly IReadOnlyList<string> SkipReasons = ["starting", "stopped", "unhealthy", "no_ip", "bad_label"];

    public static readonly IReadOnlyList<string> ReloadReasons = ["routes", "main_config", "certificates", "consolidation", "recovery"];

    public static readonly IReadOnlyList<string> RuntimeKinds =
    [
        "add_server", "enable_server", "set_server_address", "ready_server", "drain_server", "add_host", "set_host", "delete_host",
        "name_backend", "add_auth", "set_auth", "delete_auth", "remove_server",
    ];

    private static readonly IReadOnlyList<string> Results = ["ok", "failed"];

    /// <summary>The families without ENABLE_SSL: the certificate ones are absent.</summary>
    public static IReadOnlyList<string> WithoutTls { get; } = [.. All.Select(family => family.Name).Except(TlsOnly)];

    /// <summary>Every counter with every label combination the contract lists: present from the start.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<(string Name, string Value)[]> Combinations)> Counters { get; } =
    [
        ("rancher_haproxy_syncs_total", [.. new[] { "changed", "unchanged", "failed" }.Select(result => new[] { ("result", result) })]),
        ("rancher_haproxy_metadata_errors_total", [.. new[] { "unreachable", "timeout", "http_status", "invalid" }.Select(kind => new[] { ("kind", kind) })]),
        ("rancher_haproxy_reloads_total", [.. ReloadReasons.SelectMany(reason => Results.Select(result => new[] { ("reason", reason), ("result", result) }))]),
        ("rancher_haproxy_runtime_operations_total", [.. RuntimeKinds.SelectMany(kind => Results.Select(result => new[] { ("kind", kind), ("result", result) }))]),
    ];

    public static string TypeOf(string name) => All.Single(family => family.Name == name).Type;
}

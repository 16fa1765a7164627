using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// One element of <c>/containers</c> with every field of reference/rancher-metadata.md §3, nulls
/// included, in the shape Cattle sends it (original case, ports without host IP). The fake server
/// applies the per-version differences (lower-casing, port host IPs, null lists) when it serves it.
/// </summary>
internal sealed class ContainerBuilder
{
    public const string DefaultLabel = "map-public-http";

    private static int _sequence;

    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly List<string> _ports = [];
    private string? _stackName = "stack";
    private string? _serviceName = "web";
    private string? _primaryIp;
    private string _state = "running";
    private string? _healthState;
    private string? _name;
    private readonly int _index = Interlocked.Increment(ref _sequence);

    public string Uuid { get; private set; } = Guid.NewGuid().ToString();

    /// <summary>A running container of <paramref name="stack"/> with the routing label pointing at <paramref name="backend"/>.</summary>
    public static ContainerBuilder RoutedTo(string stack, BackendListener backend, string label = DefaultLabel) =>
        new ContainerBuilder()
            .InStack(stack)
            .WithIp(backend.Address)
            .WithLabel(label, backend.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public ContainerBuilder InStack(string stack, string service = "web")
    {
        _stackName = stack;
        _serviceName = service;
        return this;
    }

    /// <summary>A container started outside any stack: stack/service fields null, no <c>service_uuid</c> key.</summary>
    public ContainerBuilder Standalone()
    {
        _stackName = null;
        _serviceName = null;
        return this;
    }

    public ContainerBuilder WithIp(string? primaryIp)
    {
        _primaryIp = primaryIp;
        return this;
    }

    public ContainerBuilder WithLabel(string key, string value)
    {
        _labels[key] = value;
        return this;
    }

    public ContainerBuilder WithoutLabel(string key)
    {
        _labels.Remove(key);
        return this;
    }

    public ContainerBuilder WithState(string state, string? healthState = null)
    {
        _state = state;
        _healthState = healthState;
        return this;
    }

    public ContainerBuilder WithPort(string port)
    {
        _ports.Add(port);
        return this;
    }

    public ContainerBuilder WithName(string name)
    {
        _name = name;
        return this;
    }

    public ContainerBuilder WithUuid(string uuid)
    {
        Uuid = uuid;
        return this;
    }

    public JsonObject Build()
    {
        var inStack = _stackName is not null;
        var labels = new JsonObject { ["io.rancher.container.uuid"] = Uuid };
        if (inStack)
        {
            labels["io.rancher.stack.name"] = _stackName;
            labels["io.rancher.stack_service.name"] = $"{_stackName}/{_serviceName}";
        }

        foreach (var (key, value) in _labels.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            labels[key] = value;
        }

        var container = new JsonObject
        {
            ["create_index"] = inStack ? _index : null,
            ["dns"] = new JsonArray("169.254.169.250"),
            ["dns_search"] = inStack ? new JsonArray($"{_serviceName}.rancher.internal", "rancher.internal") : new JsonArray(),
            ["environment_uuid"] = "adbb1c2a-env",
            ["external_id"] = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            ["health_check"] = null,
            ["health_check_hosts"] = new JsonArray(),
            ["health_state"] = _healthState,
            ["host_uuid"] = "host-1111",
            ["hostname"] = null,
            ["ips"] = _primaryIp is null ? new JsonArray() : new JsonArray(_primaryIp),
            ["labels"] = labels,
            ["links"] = null,
            ["memory_reservation"] = null,
            ["metadata_kind"] = "container",
            ["milli_cpu_reservation"] = null,
            ["name"] = _name ?? (inStack ? $"{_stackName}-{_serviceName}-{_index}" : $"standalone-{_index}"),
            ["network_from_container_uuid"] = null,
            ["network_uuid"] = "net-managed-1",
            ["ports"] = new JsonArray([.. _ports.Select(port => (JsonNode?)JsonValue.Create(port))]),
            ["primary_ip"] = _primaryIp,
            ["primary_mac_address"] = _primaryIp is null ? null : "02:ee:2e:00:00:01",
            ["service_index"] = inStack ? _index.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["service_name"] = _serviceName,
            ["stack_name"] = _stackName,
            ["stack_uuid"] = inStack ? $"stack-{_stackName}" : null,
            ["start_count"] = _state is "running" or "updating-running" ? 1 : 0,
            ["state"] = _state,
            ["system"] = false,
            ["uuid"] = Uuid,
        };
        if (inStack)
        {
            container["service_uuid"] = $"service-{_stackName}-{_serviceName}";
        }

        return container;
    }
}

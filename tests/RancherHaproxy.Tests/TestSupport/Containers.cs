using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>Containers as the metadata service lists them, routed unless a test changes a field.</summary>
internal static class Containers
{
    public const string PortLabel = "map-public-http";

    public const string ProxyLabel = "send-proxy";

    /// <summary>The options every routing test and golden case uses.</summary>
    public static RoutingOptions Options { get; } = new("example.com", PortLabel, ProxyLabel, HealthFilter: true);

    public static ContainerDto Routed(
        string uuid = "c-1",
        string stack = "shop",
        string ip = "10.42.0.1",
        string port = "8080",
        string service = "web") => new()
        {
            Uuid = uuid,
            Name = $"{stack}-{service}-1",
            PrimaryIp = ip,
            State = "running",
            HealthState = "healthy",
            StackName = stack,
            ServiceName = service,
            Labels = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [PortLabel] = port,
                ["io.rancher.stack.name"] = stack,
            },
        };

    /// <summary>A copy of <paramref name="container"/> with these labels instead (the original is left as it is).</summary>
    public static ContainerDto CopyWithLabels(this ContainerDto container, Dictionary<string, string?>? labels) => new()
    {
        Uuid = container.Uuid,
        Name = container.Name,
        PrimaryIp = container.PrimaryIp,
        State = container.State,
        HealthState = container.HealthState,
        StackName = container.StackName,
        ServiceName = container.ServiceName,
        Labels = labels,
    };

    public static ContainerDto CopyWithUuid(this ContainerDto container, string uuid)
    {
        var copy = container.CopyWithLabels(container.Labels);
        copy.Uuid = uuid;
        return copy;
    }

    public static ContainerDto WithLabel(this ContainerDto container, string key, string? value)
    {
        container.Labels![key] = value;
        return container;
    }
}

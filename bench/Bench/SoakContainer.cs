using System.Globalization;
using System.Text.Json.Nodes;
using RancherHaproxy.Tests.EndToEnd;

namespace RancherHaproxy.Bench;

/// <summary>One container the soak publishes: where it answers, what it asks for, and whether it is routable.</summary>
internal sealed record SoakContainer(string Uuid, string Stack, string Service, string Address, int Port, string? HostsLabel, bool Protected, string? Health)
{
    /// <summary>What HEALTH_FILTER routes: no health state, or healthy.</summary>
    public bool Routable => Health is null or "healthy";

    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{Address}:{Port}");

    /// <summary>The host names this container serves (lower case, full names).</summary>
    public IReadOnlyList<string> Hosts =>
        HostsLabel is null ? [$"{Stack}.{BenchDaemon.Domain}"] : [$"{HostsLabel.Replace("{stack}", Stack, StringComparison.Ordinal)}.{BenchDaemon.Domain}"];

    public JsonObject Build()
    {
        var builder = new ContainerBuilder()
            .WithUuid(Uuid)
            .InStack(Stack, Service)
            .WithIp(Address)
            .WithState("running", Health)
            .WithLabel(ContainerBuilder.DefaultLabel, Port.ToString(CultureInfo.InvariantCulture));
        if (HostsLabel is not null)
        {
            builder.WithLabel(ContainerBuilder.DefaultLabel + ".hosts", HostsLabel);
        }

        if (Protected)
        {
            builder.WithLabel(ContainerBuilder.DefaultLabel + ".auth", "on");
        }

        return builder.Build();
    }
}

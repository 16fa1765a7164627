using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Discovery;

/// <summary>One consistent read of the metadata: containers, own service metadata, own host's agent IP.</summary>
internal sealed record MetadataSnapshot(
    IReadOnlyList<ContainerDto> Containers,
    ServiceMetadata Service,
    string? HostAgentIp)
{
    /// <summary>Where the fetch spent its time, when the source measures it (the HTTP client does).</summary>
    public FetchTimings? Timings { get; init; }
}

using System.Text.Json.Serialization;

namespace RancherHaproxy.Discovery.Dto;

/// <summary>
/// One element of /containers, keeping only what routing needs; every other field of the real
/// service's answer is skipped while streaming. Every field may be null or missing.
/// </summary>
internal sealed class ContainerDto
{
    [JsonPropertyName("uuid")]
    public string? Uuid { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("primary_ip")]
    public string? PrimaryIp { get; set; }

    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("health_state")]
    public string? HealthState { get; set; }

    [JsonPropertyName("stack_name")]
    public string? StackName { get; set; }

    [JsonPropertyName("service_name")]
    public string? ServiceName { get; set; }

    [JsonPropertyName("labels")]
    public Dictionary<string, string?>? Labels { get; set; }
}

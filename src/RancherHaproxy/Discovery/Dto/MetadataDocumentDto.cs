using System.Text.Json;
using System.Text.Json.Serialization;

namespace RancherHaproxy.Discovery.Dto;

/// <summary>The local-mode file (METADATA_FILE): the same shapes the metadata service serves.</summary>
internal sealed class MetadataDocumentDto
{
    [JsonPropertyName("containers")]
    public List<ContainerDto?>? Containers { get; set; }

    [JsonPropertyName("self")]
    public SelfDto? Self { get; set; }
}

/// <summary>/self, as far as this daemon reads it.</summary>
internal sealed class SelfDto
{
    [JsonPropertyName("service")]
    public SelfServiceDto? Service { get; set; }

    [JsonPropertyName("host")]
    public SelfHostDto? Host { get; set; }
}

/// <summary>/self/service: only its user metadata map matters here.</summary>
internal sealed class SelfServiceDto
{
    [JsonPropertyName("metadata")]
    public JsonElement? Metadata { get; set; }
}

/// <summary>/self/host: the agent IP is the original image's default syslog target.</summary>
internal sealed class SelfHostDto
{
    [JsonPropertyName("agent_ip")]
    public string? AgentIp { get; set; }
}

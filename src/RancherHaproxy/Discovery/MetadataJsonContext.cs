using System.Text.Json;
using System.Text.Json.Serialization;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Discovery;

/// <summary>The one source-generated JSON context: no reflection-based serialization anywhere.</summary>
[JsonSourceGenerationOptions(
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(List<ContainerDto?>))]
[JsonSerializable(typeof(MetadataDocumentDto))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
internal sealed partial class MetadataJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Discovery;

/// <summary>
/// The serializer's way to <see cref="ContainerFields"/>, for the containers of a whole metadata
/// document (local mode). The serializer hands a custom converter its whole value, yet marks the
/// block non-final while streaming: the fields' TrySkip() cannot fall short there.
/// </summary>
internal sealed class ContainerConverter(ContainerFields fields) : JsonConverter<ContainerDto>
{
    public override ContainerDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        fields.TryRead(ref reader, out var container) ? container! : throw new JsonException("a container ends early");

    public override void Write(Utf8JsonWriter writer, ContainerDto value, JsonSerializerOptions options) =>
        throw new NotSupportedException("containers are only read");
}

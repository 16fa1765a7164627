using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Discovery;

/// <summary>
/// The generated contracts for /containers and the local-mode document, with containers read by
/// <see cref="ContainerConverter"/>: only the labels named here are kept (RANCHER_LABEL and
/// RANCHER_PROXY_LABEL), every other label is type-checked and dropped while streaming.
/// </summary>
internal sealed class ContainerJson
{
    public ContainerJson(params IEnumerable<string> routingLabels)
    {
        var labels = routingLabels.Where(label => label.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var options = new JsonSerializerOptions(MetadataJsonContext.Default.Options);
        options.Converters.Add(new ContainerConverter(labels));
        options.MakeReadOnly();
        List = (JsonTypeInfo<List<ContainerDto?>>)options.GetTypeInfo(typeof(List<ContainerDto?>));
        Document = (JsonTypeInfo<MetadataDocumentDto>)options.GetTypeInfo(typeof(MetadataDocumentDto));
    }

    public JsonTypeInfo<List<ContainerDto?>> List { get; }

    public JsonTypeInfo<MetadataDocumentDto> Document { get; }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Discovery;

/// <summary>
/// The readers of /containers (<see cref="Stream"/>, one pass over the bytes) and of the local-mode
/// document (the generated contract, containers by <see cref="ContainerConverter"/>), both with
/// <see cref="ContainerFields"/>: only the labels named here are kept (RANCHER_LABEL and
/// RANCHER_PROXY_LABEL), every other label is type-checked and dropped while streaming.
/// </summary>
internal sealed class ContainerJson
{
    public ContainerJson(params IEnumerable<string> routingLabels)
    {
        var labels = routingLabels.Where(label => label.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var fields = new ContainerFields(labels);
        Stream = new ContainerStreamReader(fields);
        var options = new JsonSerializerOptions(MetadataJsonContext.Default.Options);
        options.Converters.Add(new ContainerConverter(fields));
        options.MakeReadOnly();
        List = (JsonTypeInfo<List<ContainerDto?>>)options.GetTypeInfo(typeof(List<ContainerDto?>));
        Document = (JsonTypeInfo<MetadataDocumentDto>)options.GetTypeInfo(typeof(MetadataDocumentDto));
    }

    /// <summary>/containers from the metadata service.</summary>
    public ContainerStreamReader Stream { get; }

    /// <summary>The same through the serializer (tests compare the two).</summary>
    public JsonTypeInfo<List<ContainerDto?>> List { get; }

    public JsonTypeInfo<MetadataDocumentDto> Document { get; }
}

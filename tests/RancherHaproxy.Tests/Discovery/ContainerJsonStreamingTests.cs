using System.Text;
using System.Text.Json;
using RancherHaproxy.Discovery;

namespace RancherHaproxy.Tests.Discovery;

/// <summary>
/// /containers is parsed as it streams: what reading an answer allocates follows what routing keeps,
/// not the answer's size. A reader that buffered the body whole (bytes or a string) would allocate
/// at least the body's length, and a container's memory limit would have to hold it (issue 15).
/// </summary>
public sealed class ContainerJsonStreamingTests
{
    private static readonly ContainerJson Json = new("map-public-http", "send-proxy");

    [Fact]
    public void Deserialize_LargeAnswerFromAStream_AllocatesLessThanTheBody()
    {
        // Arrange: 2,000 containers of ~7.5 KB each, most of it labels routing skips.
        var body = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(0, 2000).Select(Container)) + "]");
        using var stream = new MemoryStream(body, writable: false);
        JsonSerializer.Deserialize(new MemoryStream("[]"u8.ToArray()), Json.List); // warm up: contracts and converters are built once
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var containers = JsonSerializer.Deserialize(stream, Json.List);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        containers.Should().HaveCount(2000);
        containers![1999]!.Labels.Should().Equal(new Dictionary<string, string?> { ["map-public-http"] = "8080" });
        // A body buffered whole costs at least its length on top of what is kept; anything allocated
        // per skipped label (80 a container here; an enumerator per label comparison cost a third of
        // the body) shows as well. What is kept is a few hundred bytes a container: under 8%.
        allocated.Should().BeLessThan(body.Length / 8, $"the body is {body.Length} bytes, never held whole, and skipped labels cost nothing");
    }

    private static string Container(int index)
    {
        var labels = string.Join(',', Enumerable.Range(0, 80).Select(label => $"\"io.rancher.other.{label}\":\"{new string('v', 64)}\""));
        return $$"""
            {"uuid":"c-{{index}}","name":"big-web-{{index}}","primary_ip":"10.42.{{index / 250}}.{{index % 250}}","state":"running",
             "stack_name":"big{{index / 5}}","service_name":"web","health_state":"healthy","dns":["169.254.169.250"],
             "labels":{"map-public-http":"8080",{{labels}}},"ports":null,"links":null,"system":false}
            """;
    }
}

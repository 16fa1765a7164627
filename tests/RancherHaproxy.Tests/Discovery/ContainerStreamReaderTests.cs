using System.Text;
using System.Text.Json;
using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Discovery;

/// <summary>
/// The one-pass reader of /containers against the generated contract: the same containers whatever
/// the bytes per read (a container cut anywhere by a buffer's end is read again whole), containers
/// larger than its buffer, hostile strings, and every truncation refused.
/// </summary>
public sealed class ContainerStreamReaderTests
{
    private static readonly ContainerJson Json = new(Containers.PortLabel, Containers.ProxyLabel);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(ContainerStreamReader.InitialBufferBytes - 1)]
    [InlineData(1 << 20)]
    public async Task ReadAsync_AnyBytesPerRead_GivesWhatTheContractGives(int bytesPerRead)
    {
        // Arrange: enough containers to fill the buffer several times, nulls among them.
        var containers = Enumerable.Range(0, 40).SelectMany(seed => new RandomMetadata(seed).Containers()).ToList();
        var body = Serialise(containers, new Random(bytesPerRead), nulls: true);

        // Act
        var read = await Json.Stream.ReadAsync(new TrickleStream(body, bytesPerRead), CancellationToken.None);

        // Assert
        read.Should().HaveCountGreaterThan(300);
        read.Should().BeEquivalentTo(ContainerList.WithoutNulls(JsonSerializer.Deserialize(body, Json.List)), options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task ReadAsync_RandomHostileContainers_KeepsEveryRoutingFieldAsWritten()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            // Arrange
            var random = new Random(seed);
            var containers = new RandomMetadata(seed).Containers();
            var body = Serialise(containers, random, nulls: false);

            // Act
            var read = await Json.Stream.ReadAsync(new TrickleStream(body, random.Next(1, 200)), CancellationToken.None);

            // Assert: only the routing labels are kept.
            var expected = containers.Select(container => Routed(container)).ToList();
            read.Should().BeEquivalentTo(expected, options => options.WithStrictOrdering(), $"seed {seed}");
        }
    }

    [Fact]
    public async Task ReadAsync_ContainerLargerThanTheBuffer_ReadsItWhole()
    {
        // Arrange: one container of ~3 buffers of labels routing skips, between two small ones.
        var skipped = string.Join(',', Enumerable.Range(0, 3000).Select(label => $"\"other.{label}\":\"{new string('v', 128)}\""));
        var json = "[{\"uuid\":\"c-1\"},{\"uuid\":\"c-2\",\"labels\":{" + skipped + ",\"" + Containers.PortLabel + "\":\"8080\"}},{\"uuid\":\"c-3\"}]";

        // Act
        var read = await Json.Stream.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);

        // Assert
        Encoding.UTF8.GetByteCount(json).Should().BeGreaterThan(3 * ContainerStreamReader.InitialBufferBytes);
        read.Select(container => container.Uuid).Should().Equal("c-1", "c-2", "c-3");
        read[1].Labels.Should().Equal(new Dictionary<string, string?> { [Containers.PortLabel] = "8080" });
    }

    [Fact]
    public async Task ReadAsync_EveryTruncation_IsRefused()
    {
        // Arrange: read whole once, so that every container is known by its bytes.
        var body = Encoding.UTF8.GetBytes("""[{"uuid":"c-1","labels":{"map-public-http":"80"},"ports":[1,{"a":null}]},null,{"name":"x\u0022y","start_count":12}]""");
        var reader = new ContainerJson(Containers.PortLabel).Stream;
        (await reader.ReadAsync(new MemoryStream(body), CancellationToken.None)).Should().HaveCount(2);

        for (var length = 0; length < body.Length; length++)
        {
            // Act
            var act = () => reader.ReadAsync(new TrickleStream(body[..length], 5), CancellationToken.None);

            // Assert: never a shorter list.
            await act.Should().ThrowAsync<JsonException>($"the answer cut after {length} of {body.Length} bytes");
        }
    }

    [Theory]
    [InlineData("""[] []""")]
    [InlineData("""[{"uuid":"c-1"}] x""")]
    [InlineData("""[{"uuid":"c-1"}]]""")]
    [InlineData("""[{"uuid":"c-1"},7]""")]
    [InlineData("""[{"uuid":"c-1"}, "c-2"]""")]
    [InlineData("""[[{"uuid":"c-1"}]]""")]
    [InlineData("""[{"uuid":"c-1","labels":{"map-public-http":"80",}""")]
    [InlineData("""7""")]
    public async Task ReadAsync_NotAListOfContainers_IsRefused(string json)
    {
        // Act
        var act = () => Json.Stream.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<JsonException>();
    }

    [Fact]
    public async Task ReadAsync_WhiteSpaceCommentsAndTrailingCommas_AreTakenAsTheContractTakesThem()
    {
        // Arrange
        const string json = " \n[ /* first */ {\"uuid\":\"c-1\",\"labels\":{\"map-public-http\":\"80\",},}, null, ]\n\t ";

        // Act
        var read = await Json.Stream.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 2), CancellationToken.None);

        // Assert
        read.Should().ContainSingle().Which.Labels.Should().Equal(new Dictionary<string, string?> { ["map-public-http"] = "80" });
    }

    [Fact]
    public async Task ReadAsync_SameAnswerAgain_GivesTheSameContainersWithoutReadingThem()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            // Arrange: hostile strings (quotes, backslashes, braces) across the scan's 64-byte blocks.
            var reader = new ContainerJson(Containers.PortLabel, Containers.ProxyLabel).Stream;
            var body = Serialise(new RandomMetadata(seed).Containers(), new Random(seed), nulls: true);
            var first = await reader.ReadAsync(new TrickleStream(body, 1000), CancellationToken.None);

            // Act: cut differently.
            var second = await reader.ReadAsync(new TrickleStream(body, 333), CancellationToken.None);

            // Assert
            second.Should().Equal(first, ReferenceEquals, $"seed {seed}");
        }
    }

    [Fact]
    public async Task ReadAsync_OneContainerChanged_ReadsThatOneAndKeepsTheOthers()
    {
        // Arrange
        var reader = new ContainerJson(Containers.PortLabel).Stream;
        const string Before = """[{"uuid":"c-1","labels":{"map-public-http":"80"}},{"uuid":"c-2","labels":{"map-public-http":"80"}}]""";
        var first = await reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Before)), CancellationToken.None);

        // Act: one byte of the second container's port, the same length.
        var second = await reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Before[..^5] + "1\"}}]")), CancellationToken.None);

        // Assert
        second[0].Should().BeSameAs(first[0]);
        second[1].Should().NotBeSameAs(first[1]);
        second[1].Labels.Should().Equal(new Dictionary<string, string?> { [Containers.PortLabel] = "81" });
        first[1].Labels.Should().Equal(new Dictionary<string, string?> { [Containers.PortLabel] = "80" });
    }

    [Fact]
    public async Task ReadAsync_AfterARefusedAnswer_StillKnowsTheLastWholeOne()
    {
        // Arrange
        var reader = new ContainerJson(Containers.PortLabel).Stream;
        var good = Encoding.UTF8.GetBytes("""[{"uuid":"c-1"},{"uuid":"c-2"}]""");
        var first = await reader.ReadAsync(new MemoryStream(good), CancellationToken.None);
        var refused = () => reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("""[{"uuid":"c-3"},7]""")), CancellationToken.None);
        await refused.Should().ThrowAsync<JsonException>();

        // Act
        var again = await reader.ReadAsync(new MemoryStream(good), CancellationToken.None);

        // Assert
        again.Should().Equal(first, ReferenceEquals);
    }

    [Theory]
    [InlineData("""[{"uuid":"c-1"} {"uuid":"c-2"}]""")]
    [InlineData("""[{"uuid":"c-1"},,{"uuid":"c-2"}]""")]
    [InlineData("""[,{"uuid":"c-1"}]""")]
    [InlineData("""[{"uuid":"c-1"}{"uuid":"c-2"}]""")]
    [InlineData("""[{"uuid":"c-1"}]{"uuid":"c-2"}""")]
    [InlineData("""[{"uuid":"c-1"},{"uuid":"c-2"}/]""")]
    [InlineData("""[{"uuid":"c-1"},{"uuid":"c-2"}/* ]""")]
    [InlineData("""[{"uuid":"c-1"},{"uuid":"c-2"}""")]
    public async Task ReadAsync_KnownContainersInABrokenList_IsRefused(string json)
    {
        // Arrange: both containers known by their bytes.
        var reader = new ContainerJson(Containers.PortLabel).Stream;
        await reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("""[{"uuid":"c-1"},{"uuid":"c-2"}]""")), CancellationToken.None);

        // Act
        var act = () => reader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 3), CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<JsonException>();
    }

    [Theory]
    [InlineData("""[{"uuid":"c-1" /* } { " */, "name":"n-1"}]""")]
    [InlineData("[{\"uuid\":\"c-1\", // } \"\n \"name\":\"n-1\"}]")]
    [InlineData("""[{"uuid":"c-1", "name":"n-1 \" } \\"}]""")]
    public async Task ReadAsync_BracesInCommentsAndStrings_DelimitTheContainerAsTheReaderDoes(string json)
    {
        // Arrange
        var reader = new ContainerJson(Containers.PortLabel).Stream;
        var bytes = Encoding.UTF8.GetBytes(json);

        // Act: twice, the second time with the container known.
        var first = await reader.ReadAsync(new TrickleStream(bytes, 4), CancellationToken.None);
        var second = await reader.ReadAsync(new TrickleStream(bytes, 5), CancellationToken.None);

        // Assert
        first.Should().BeEquivalentTo(ContainerList.WithoutNulls(JsonSerializer.Deserialize(bytes, Json.List)));
        first.Should().ContainSingle().Which.Uuid.Should().Be("c-1");
        second.Should().BeEquivalentTo(first);
    }

    private static ContainerDto Routed(ContainerDto container)
    {
        var labels = container.Labels?
            .Where(label => label.Key is Containers.PortLabel or Containers.ProxyLabel)
            .ToDictionary(label => label.Key, label => label.Value, StringComparer.Ordinal);
        return container.CopyWithLabels(labels is { Count: > 0 } ? labels : null);
    }

    /// <summary>The containers as the service writes them, with fields routing skips (nested, numbers, booleans) in random places.</summary>
    private static byte[] Serialise(List<ContainerDto> containers, Random random, bool nulls)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var container in containers)
            {
                if (nulls && random.Next(10) == 0)
                {
                    writer.WriteNullValue();
                }

                WriteContainer(writer, container, random);
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static void WriteContainer(Utf8JsonWriter writer, ContainerDto container, Random random)
    {
        writer.WriteStartObject();
        WriteSkipped(writer, random);
        writer.WriteString("uuid", container.Uuid);
        writer.WriteString("name", container.Name);
        WriteSkipped(writer, random);
        writer.WriteString("primary_ip", container.PrimaryIp);
        writer.WriteString("state", container.State);
        writer.WriteString("health_state", container.HealthState);
        writer.WriteString("stack_name", container.StackName);
        WriteSkipped(writer, random);
        writer.WriteString("service_name", container.ServiceName);
        if (container.Labels is null)
        {
            writer.WriteNull("labels");
        }
        else
        {
            writer.WriteStartObject("labels");
            foreach (var (name, value) in container.Labels)
            {
                writer.WriteString(name, value);
            }

            writer.WriteString("io.rancher.container.ip", "10.42.0.1/16");
            writer.WriteEndObject();
        }

        WriteSkipped(writer, random);
        writer.WriteEndObject();
    }

    private static void WriteSkipped(Utf8JsonWriter writer, Random random)
    {
        writer.WriteNumber("create_index", random.Next());
        writer.WriteBoolean("system", random.Next(2) == 0);
        writer.WriteStartArray("dns");
        writer.WriteStringValue("169.254.169.250");
        writer.WriteEndArray();
        writer.WriteStartObject("health_check");
        writer.WriteNumber("interval", 2000.5);
        writer.WriteString("request_line", "GET \"/healthz\" \"HTTP/1.0\" \u003cb\u003e");
        writer.WriteStartArray("nested");
        writer.WriteNullValue();
        writer.WriteStartObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

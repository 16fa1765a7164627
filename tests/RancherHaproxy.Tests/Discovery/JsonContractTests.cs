using System.Text.Json;
using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Discovery;

/// <summary>The contracts (generated, containers by ContainerConverter) against payloads shaped like the real service's (reference §3, §4).</summary>
public sealed class JsonContractTests
{
    private static readonly ContainerJson Json = new("map-public-http", "send-proxy");

    /// <summary>Every field of one /latest/containers element, as Go's json.Marshal writes it.</summary>
    private const string FullContainer = """
        {"create_index":2,"dns":["169.254.169.250"],"dns_search":["web.rancher.internal","rancher.internal"],
         "environment_uuid":"1a5","external_id":"3f1c0b2a","health_check":{"healthy_threshold":2,"interval":2000,
         "port":8080,"request_line":"GET \"/healthz\" \"HTTP/1.0\"","response_timeout":2000,"unhealthy_threshold":3},
         "health_check_hosts":["h-1111"],"health_state":"healthy","host_uuid":"h-1111","hostname":null,"ips":["10.42.0.5"],
         "labels":{"io.rancher.stack.name":"shop","map-public-http":"8080","note":"a \u003cb\u003e \u0026 c"},
         "links":null,"memory_reservation":null,"metadata_kind":"container","milli_cpu_reservation":null,
         "name":"shop-web-2","network_from_container_uuid":null,"network_uuid":"net-1","ports":null,
         "primary_ip":"10.42.0.5","primary_mac_address":"02:a1:6c:00:00:02","service_index":"2","service_name":"web",
         "service_uuid":"s-1","stack_name":"shop","stack_uuid":"st-1","start_count":1,"state":"running",
         "system":false,"uuid":"c-2"}
        """;

    [Fact]
    public void Deserialize_FullContainer_ReadsTheFieldsRoutingNeeds()
    {
        // Act
        var container = Containers("[" + FullContainer + "]").Should().ContainSingle().Subject;

        // Assert
        container.Uuid.Should().Be("c-2");
        container.Name.Should().Be("shop-web-2");
        container.PrimaryIp.Should().Be("10.42.0.5");
        container.State.Should().Be("running");
        container.HealthState.Should().Be("healthy");
        container.StackName.Should().Be("shop");
        container.ServiceName.Should().Be("web");
        container.Labels.Should().Equal(new Dictionary<string, string?> { ["map-public-http"] = "8080" });
    }

    [Fact]
    public void Deserialize_Labels_KeepsOnlyTheRoutingLabels()
    {
        // Act
        var container = Containers("""[{"uuid":"c-1","labels":{"a":"1","send-proxy":"v2","io.rancher.x":"y","map-public-http":"80","z":null}}]""").Single();

        // Assert
        container.Labels.Should().Equal(new Dictionary<string, string?> { ["send-proxy"] = "v2", ["map-public-http"] = "80" });
    }

    [Fact]
    public void Deserialize_NoRoutingLabel_LabelsAreNull()
    {
        // Act / Assert
        Containers("""[{"uuid":"c-1","labels":{"io.rancher.stack.name":"shop","note":"x"}}]""").Single().Labels.Should().BeNull();
    }

    [Fact]
    public void Deserialize_EscapedLabelName_MatchesTheLabel()
    {
        // Act / Assert
        Containers("""[{"uuid":"c-1","labels":{"map\u002dpublic-http":"80"}}]""").Single().Labels
            .Should().Equal(new Dictionary<string, string?> { ["map-public-http"] = "80" });
    }

    [Fact]
    public void Deserialize_EscapedFieldNames_MatchTheFields()
    {
        // Act
        var container = Containers("""[{"\u0075uid":"c-1","stack\u005fname":"shop","l\u0061bels":{"map-public-http":"80"},"nam\u0065":"web-1"}]""").Single();

        // Assert
        (container.Uuid, container.StackName, container.Name).Should().Be(("c-1", "shop", "web-1"));
        container.Labels.Should().ContainKey("map-public-http");
    }

    [Fact]
    public void Deserialize_LabelTwice_LastWins()
    {
        // Act / Assert
        Containers("""[{"uuid":"c-1","labels":{"map-public-http":"80","map-public-http":"81"}}]""").Single().Labels!["map-public-http"]
            .Should().Be("81");
    }

    [Fact]
    public void Deserialize_OtherLabelSelection_KeepsThoseLabels()
    {
        // Arrange
        var json = new ContainerJson("web.port", string.Empty);

        // Act
        var list = JsonSerializer.Deserialize("""[{"labels":{"map-public-http":"80","web.port":"8080"}}]""", json.List)!;

        // Assert
        list.Single()!.Labels.Should().Equal(new Dictionary<string, string?> { ["web.port"] = "8080" });
    }

    [Fact]
    public async Task DeserializeAsync_StreamInSmallChunks_GivesTheSameContainers()
    {
        // Arrange
        var json = "[" + string.Join(",", Enumerable.Repeat(FullContainer, 50)) + ",null]";
        await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        // Act
        var list = await JsonSerializer.DeserializeAsync(new BufferedStream(stream, 7), Json.List);

        // Assert
        ContainerList.WithoutNulls(list).Should().HaveCount(50).And.AllSatisfy(container =>
        {
            container.Uuid.Should().Be("c-2");
            container.Labels.Should().Equal(new Dictionary<string, string?> { ["map-public-http"] = "8080" });
        });
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[null]")]
    public void Deserialize_EmptyList_GivesNoContainers(string json)
    {
        // Act / Assert
        Containers(json).Should().BeEmpty();
    }

    [Fact]
    public void Deserialize_ListWithNulls_KeepsTheContainers()
    {
        // Act / Assert
        Containers("""[null,{"uuid":"c-1"},null]""").Should().ContainSingle().Which.Uuid.Should().Be("c-1");
    }

    [Fact]
    public void Deserialize_UnknownFields_AreSkipped()
    {
        // Arrange
        const string json = """[{"uuid":"c-1","future":{"nested":[1,2.5,true,null,{"x":"y"}]},"environments":null,"ports":["0.0.0.0:80:80/tcp"]}]""";

        // Act / Assert
        Containers(json).Should().ContainSingle().Which.Uuid.Should().Be("c-1");
    }

    [Fact]
    public void Deserialize_MissingFields_AreNull()
    {
        // Act
        var container = Containers("""[{}]""").Should().ContainSingle().Subject;

        // Assert
        container.Should().BeEquivalentTo(new ContainerDto());
        container.Labels.Should().BeNull();
    }

    [Fact]
    public void Deserialize_NullFieldsAndNullLabelValue_AreNull()
    {
        // Act
        var container = Containers("""[{"uuid":"c-1","primary_ip":null,"health_state":null,"stack_name":null,"labels":{"map-public-http":null}}]""").Single();

        // Assert
        (container.PrimaryIp, container.HealthState, container.StackName).Should().Be((null, null, null));
        container.Labels.Should().ContainKey("map-public-http").WhoseValue.Should().BeNull();
    }

    [Fact]
    public void Deserialize_LabelsNull_IsNull()
    {
        // Act / Assert
        Containers("""[{"uuid":"c-1","labels":null}]""").Single().Labels.Should().BeNull();
    }

    [Theory]
    [InlineData("""[{"uuid":"c-1","primary_ip":167772161}]""")]
    [InlineData("""[{"uuid":42}]""")]
    [InlineData("""[{"labels":["map-public-http"]}]""")]
    [InlineData("""[{"labels":{"map-public-http":8080}}]""")]
    [InlineData("""[{"labels":{"unrelated":["x"]}}]""")]
    [InlineData("""[{"state":true}]""")]
    [InlineData("""[{"health_state":{}}]""")]
    [InlineData("""["c-1"]""")]
    [InlineData("""{"containers":[]}""")]
    [InlineData("""{}""")]
    [InlineData("\"containers\"")]
    [InlineData("""[{"uuid":"c-1",""")]
    [InlineData("")]
    [InlineData("<html>")]
    public void Deserialize_WrongTypesOrTruncated_ThrowsJsonException(string json)
    {
        // Act
        var act = () => Containers(json);

        // Assert
        act.Should().Throw<JsonException>();
    }

    [Fact]
    public void Deserialize_Document_ReadsContainersAndSelf()
    {
        // Arrange
        var json = """{"containers":[""" + FullContainer + """],"environments":null,"self":{"container":{"uuid":"lb-1"},"host":{"agent_ip":"192.168.1.10","name":"node1"},"service":{"name":"lb","metadata":{"aliases":{"shop":["www"]}},"links":null}}}""";

        // Act
        var document = JsonSerializer.Deserialize(json, Json.Document)!;

        // Assert
        ContainerList.WithoutNulls(document.Containers).Should().ContainSingle().Which.Uuid.Should().Be("c-2");
        document.Self!.Host!.AgentIp.Should().Be("192.168.1.10");
        ServiceMetadataParser.Parse(document.Self.Service!.Metadata).Aliases["shop"].Should().Equal("www");
    }

    [Fact]
    public void Deserialize_DocumentWithNullContainersAndNoSelf_GivesEmptyLists()
    {
        // Act
        var document = JsonSerializer.Deserialize("""{"containers":null}""", Json.Document)!;

        // Assert
        ContainerList.WithoutNulls(document.Containers).Should().BeEmpty();
        document.Self.Should().BeNull();
    }

    [Fact]
    public void Deserialize_DocumentWithContainersAnObject_ThrowsJsonException()
    {
        // Act
        var act = () => JsonSerializer.Deserialize("""{"containers":{"0":{"uuid":"c-1"}}}""", Json.Document);

        // Assert
        act.Should().Throw<JsonException>();
    }

    /// <summary>
    /// Both readers of /containers: the one the client uses (<see cref="ContainerStreamReader"/>, fed
    /// 7 bytes a read) and the generated contract. They must agree: the same containers, or both refuse.
    /// </summary>
    private static List<ContainerDto> Containers(string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var (streamed, streamError) = Attempt(() => Json.Stream.ReadAsync(new TrickleStream(bytes, 7), CancellationToken.None).GetAwaiter().GetResult());
        var (serialized, serializerError) = Attempt(() => ContainerList.WithoutNulls(JsonSerializer.Deserialize(bytes, Json.List)));
        (streamError is null).Should().Be(serializerError is null, $"both readers take or refuse {json} (stream: {streamError?.Message}; serializer: {serializerError?.Message})");
        if (streamError is not null)
        {
            throw streamError;
        }

        streamed.Should().BeEquivalentTo(serialized, options => options.WithStrictOrdering());
        return streamed!;
    }

    private static (List<ContainerDto>? Containers, JsonException? Error) Attempt(Func<List<ContainerDto>> read)
    {
        try
        {
            return (read(), null);
        }
        catch (JsonException exception)
        {
            return (null, exception);
        }
    }
}

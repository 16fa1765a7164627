using System.Text.Json;
using System.Text.Json.Nodes;
using RancherHaproxy.Discovery;
using RancherHaproxy.Tests.EndToEnd;

namespace RancherHaproxy.Tests.Discovery;

/// <summary>FetchAsync: /containers, /self/service/metadata and /self/host/agent_ip, and their failures.</summary>
public sealed partial class MetadataClientTests
{
    private const string OneContainer = """[{"uuid":"c-1","primary_ip":"10.42.0.5","state":"running","stack_name":"shop","metadata_kind":"container","ports":null,"links":null,"labels":{"map-public-http":"80"}}]""";

    [Fact]
    public async Task FetchAsync_JsonServedAsTextPlain_ParsesContainersAndServiceMetadata()
    {
        // Arrange
        await using var server = await FakeMetadataServer.StartAsync();
        var aliases = new JsonObject { ["aliases"] = new JsonObject { ["shop"] = new JsonArray("www") } };
        server.Publish([new ContainerBuilder().InStack("shop").WithIp("10.42.0.5").WithLabel(ContainerBuilder.DefaultLabel, "80").Build()], MetadataObjects.Service("lb", "haproxy", aliases));
        var client = Client(server);

        // Act
        var snapshot = await client.FetchAsync(CancellationToken.None);

        // Assert
        snapshot.Containers.Should().ContainSingle().Which.PrimaryIp.Should().Be("10.42.0.5");
        snapshot.Service.Aliases["shop"].Should().Equal("www");
        snapshot.HostAgentIp.Should().BeNull();
        server.Requests.Should().AllSatisfy(request => request.Accept.Should().Be("application/json"));
    }

    [Fact]
    public async Task FetchAsync_NullContainers_GivesAnEmptyList()
    {
        // Arrange: the real server answers null, not [], for an empty list.
        await using var server = await FakeMetadataServer.StartAsync();
        server.Publish([], MetadataObjects.Service("lb", "haproxy"));
        var client = Client(server);

        // Act / Assert
        (await client.FetchAsync(CancellationToken.None)).Containers.Should().BeEmpty();
    }

    [Fact]
    public async Task FetchAsync_NoServiceMetadata_GivesEmptyServiceMetadata()
    {
        // Arrange: a standalone container has no /self/service (404).
        await using var server = await Serve(("containers", RawAnswer.Ok(OneContainer)));
        var client = Client(server);

        // Act
        var snapshot = await client.FetchAsync(CancellationToken.None);

        // Assert
        snapshot.Service.Should().BeSameAs(ServiceMetadata.Empty);
        snapshot.Containers.Should().ContainSingle();
    }

    [Fact]
    public async Task FetchAsync_Answer_CarriesWhereTheFetchSpentItsTime()
    {
        // Arrange
        var body = "[" + string.Join(',', Enumerable.Repeat(OneContainer.Trim('[', ']'), 200)) + "]";
        await using var server = await Serve(("containers", RawAnswer.Ok(body)), ("self/service/metadata", RawAnswer.Ok("{}")));
        var client = Client(server);

        // Act
        var timings = (await client.FetchAsync(CancellationToken.None)).Timings;

        // Assert: the debug breakdown of an apply is made of these.
        timings.Should().NotBeNull();
        timings!.Bytes.Should().Be(System.Text.Encoding.UTF8.GetByteCount(body));
        new[] { timings.Head, timings.Body, timings.Parse, timings.Service }.Should().AllSatisfy(took => took.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero));
        timings.Head.Should().BePositive("connecting and reading the head take time");
    }

    [Fact]
    public async Task ReadHostAgentIpAsync_HostPublished_ReadsTheDecodedAddress()
    {
        // Arrange
        await using var server = await FakeMetadataServer.StartAsync();
        server.Publish([], selfHost: MetadataObjects.Host("192.168.1.10"));
        var client = Client(server);

        // Act / Assert
        (await client.ReadHostAgentIpAsync(CancellationToken.None)).Should().Be("192.168.1.10");
    }

    [Fact]
    public async Task FetchAsync_ContainersNotFound_ThrowsMetadataExceptionNamingTheUrl()
    {
        // Arrange
        await using var server = await Serve(MetadataFault.NotFound);
        var client = Client(server);

        // Act
        var act = () => client.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage($"*http://{server.BaseHost}/2015-12-19/containers*404*");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(301)]
    public async Task FetchAsync_ContainersNotOk_ThrowsMetadataException(int status)
    {
        // Arrange
        await using var server = await Serve(("containers", RawAnswer.Text(status, "oops")));
        var client = Client(server);

        // Act
        var act = () => client.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage($"*containers*{status}*");
    }

    [Fact]
    public async Task FetchAsync_ServiceMetadataServerError_ThrowsMetadataException()
    {
        // Arrange
        await using var server = await Serve(("containers", RawAnswer.Ok("[]")), ("self/service/metadata", RawAnswer.Text(500, "oops")));
        var client = Client(server);

        // Act
        var act = () => client.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage("*self/service/metadata*500*");
    }

    [Theory]
    [InlineData("""{"containers":[]}""")]
    [InlineData("""[{"uuid":"c-1","primary_ip":167772161}]""")]
    [InlineData("""[{"uuid":"c-1","labels":{"map-public-http":80}}]""")]
    [InlineData("""[{"uuid":"c-1",""")]
    [InlineData("Not found")]
    public async Task FetchAsync_GarbageContainers_ThrowsMetadataExceptionWrappingJsonException(string body)
    {
        // Arrange
        await using var server = await Serve(("containers", RawAnswer.Ok(body)));
        var client = Client(server);

        // Act
        var act = () => client.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>())
            .WithMessage($"*http://{server.BaseHost}/2015-12-19/containers*")
            .WithInnerException<JsonException>();
    }

    [Fact]
    public async Task FetchAsync_InvalidServiceMetadata_ThrowsMetadataException()
    {
        // Arrange
        await using var server = await Serve(("containers", RawAnswer.Ok("[]")), ("self/service/metadata", RawAnswer.Ok("{not json")));
        var client = Client(server);

        // Act
        var act = () => client.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage("*self/service/metadata*");
    }

    [Fact]
    public async Task FetchAsync_AnswerOverMaxAnswerBytes_ThrowsMetadataException()
    {
        // Arrange: a valid but large list, 64 KiB against a 16 KiB limit.
        var large = "[" + string.Join(',', Enumerable.Repeat("""{"uuid":"c-1","name":"padding-padding-padding"}""", 1500)) + "]";
        await using var server = await Serve(("containers", RawAnswer.Ok(large)), ("self/service/metadata", RawAnswer.Ok("{}")));
        var client = Client(server, maxAnswerBytes: 16 * 1024);

        // Act
        var act = () => client.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage("*containers*larger than*");
    }

    [Fact]
    public async Task FetchAsync_AnswerUnderMaxAnswerBytes_IsRead()
    {
        // Arrange: the same shape, small enough; shows the limit is what failed above.
        var small = "[" + string.Join(',', Enumerable.Repeat("""{"uuid":"c-1"}""", 10)) + "]";
        await using var server = await Serve(("containers", RawAnswer.Ok(small)), ("self/service/metadata", RawAnswer.Ok("{}")));
        var client = Client(server, maxAnswerBytes: 16 * 1024);

        // Act / Assert
        (await client.FetchAsync(CancellationToken.None)).Containers.Should().HaveCount(10);
    }
}

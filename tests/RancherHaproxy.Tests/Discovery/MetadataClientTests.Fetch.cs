using System.Text.Json;
using RancherHaproxy.Discovery;

namespace RancherHaproxy.Tests.Discovery;

/// <summary>FetchAsync: /containers, /self/service/metadata and /self/host/agent_ip, and their failures.</summary>
public sealed partial class MetadataClientTests
{
    private const string OneContainer = """[{"uuid":"c-1","primary_ip":"10.42.0.5","state":"running","stack_name":"shop","metadata_kind":"container","ports":null,"links":null,"labels":{"map-public-http":"80"}}]""";

    [Fact]
    public async Task FetchAsync_JsonServedAsTextPlain_ParsesContainersAndServiceMetadata()
    {
        // Arrange
        await using var server = await Serve(
            (ContainersPath, 200, OneContainer),
            (ServiceMetadataPath, 200, """{"aliases":{"shop":["www"]}}"""));
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
        // Arrange
        await using var server = await Serve((ContainersPath, 200, "null"), (ServiceMetadataPath, 200, "{}"));
        var client = Client(server);

        // Act / Assert
        (await client.FetchAsync(CancellationToken.None)).Containers.Should().BeEmpty();
    }

    [Fact]
    public async Task FetchAsync_NoServiceMetadata_GivesEmptyServiceMetadata()
    {
        // Arrange: a standalone container has no /self/service (404).
        await using var server = await Serve((ContainersPath, 200, OneContainer));
        var client = Client(server);

        // Act
        var snapshot = await client.FetchAsync(CancellationToken.None);

        // Assert
        snapshot.Service.Should().BeSameAs(ServiceMetadata.Empty);
        snapshot.Containers.Should().ContainSingle();
    }

    [Fact]
    public async Task FetchAsync_ReadHostAgentIp_ReadsTheDecodedAddress()
    {
        // Arrange
        await using var server = await Serve((ContainersPath, 200, "[]"), ("/2015-12-19/self/host/agent_ip", 200, "\"192.168.1.10\""));
        var client = Client(server, readHostAgentIp: true);

        // Act / Assert
        (await client.FetchAsync(CancellationToken.None)).HostAgentIp.Should().Be("192.168.1.10");
    }

    [Fact]
    public async Task FetchAsync_ContainersNotFound_ThrowsMetadataExceptionNamingTheUrl()
    {
        // Arrange
        await using var server = await Serve();
        var client = Client(server);

        // Act
        var act = () => client.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage($"*http://{server.Host}/2015-12-19/containers*404*");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(301)]
    public async Task FetchAsync_ContainersNotOk_ThrowsMetadataException(int status)
    {
        // Arrange
        await using var server = await Serve((ContainersPath, status, "oops"));
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
        await using var server = await Serve((ContainersPath, 200, "[]"), (ServiceMetadataPath, 500, "oops"));
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
        await using var server = await Serve((ContainersPath, 200, body));
        var client = Client(server);

        // Act
        var act = () => client.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>())
            .WithMessage($"*http://{server.Host}/2015-12-19/containers*")
            .WithInnerException<JsonException>();
    }

    [Fact]
    public async Task FetchAsync_InvalidServiceMetadata_ThrowsMetadataException()
    {
        // Arrange
        await using var server = await Serve((ContainersPath, 200, "[]"), (ServiceMetadataPath, 200, "{not json"));
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
        await using var server = await Serve((ContainersPath, 200, large), (ServiceMetadataPath, 200, "{}"));
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
        await using var server = await Serve((ContainersPath, 200, small), (ServiceMetadataPath, 200, "{}"));
        var client = Client(server, maxAnswerBytes: 16 * 1024);

        // Act / Assert
        (await client.FetchAsync(CancellationToken.None)).Containers.Should().HaveCount(10);
    }
}

using RancherHaproxy.Discovery;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Discovery;

/// <summary>Local mode: METADATA_FILE read like the service's answer, and read again when it changes.</summary>
public sealed class MetadataFileTests : IDisposable
{
    private const string Document = """
        {"containers":[{"uuid":"c-1","primary_ip":"10.42.0.5","state":"running","stack_name":"shop",
          "labels":{"map-public-http":"80"},"links":null,"ports":null},null],
         "self":{"host":{"agent_ip":"192.168.1.10"},"service":{"metadata":{"aliases":{"shop":["www"]}}}}}
        """;

    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task FetchAsync_Document_ReadsContainersAliasesAndAgentIp()
    {
        // Arrange
        var file = FileWith(Document);

        // Act
        var snapshot = await file.FetchAsync(CancellationToken.None);

        // Assert
        snapshot.Containers.Should().ContainSingle().Which.Uuid.Should().Be("c-1");
        snapshot.Service.Aliases["shop"].Should().Equal("www");
        snapshot.HostAgentIp.Should().Be("192.168.1.10");
    }

    [Theory]
    [InlineData("""{"containers":null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"containers":[],"self":null}""")]
    public async Task FetchAsync_NoContainers_GivesEmptySnapshot(string json)
    {
        // Arrange
        var file = FileWith(json);

        // Act
        var snapshot = await file.FetchAsync(CancellationToken.None);

        // Assert
        snapshot.Containers.Should().BeEmpty();
        snapshot.Service.Should().BeSameAs(ServiceMetadata.Empty);
    }

    [Fact]
    public async Task WaitForChangeAsync_NoLastVersion_ReturnsAtOnce()
    {
        // Arrange
        var file = FileWith(Document);

        // Act
        var version = await file.WaitForChangeAsync(null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        version.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task WaitForChangeAsync_FileUnchanged_KeepsWaiting()
    {
        // Arrange
        var file = FileWith(Document);
        var version = await file.WaitForChangeAsync(null, CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // Act
        var act = () => file.WaitForChangeAsync(version, cancellation.Token);

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task WaitForChangeAsync_FileRewritten_ReturnsTheNewVersion()
    {
        // Arrange
        var file = FileWith(Document);
        var version = await file.WaitForChangeAsync(null, CancellationToken.None);
        var waiting = file.WaitForChangeAsync(version, CancellationToken.None);
        await Task.Delay(100);
        waiting.IsCompleted.Should().BeFalse("nothing changed yet");

        // Act
        File.WriteAllText(_directory.Combine("metadata.json"), """{"containers":null}""");
        var changed = await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        changed.Should().NotBe(version);
        (await file.FetchAsync(CancellationToken.None)).Containers.Should().BeEmpty();
    }

    [Fact]
    public async Task WaitForChangeAsync_MissingFile_ThrowsMetadataExceptionNamingThePath()
    {
        // Arrange
        var path = _directory.Combine("missing.json");
        var file = new MetadataFile(path, new ContainerJson("map-public-http"), TimeSpan.FromMilliseconds(20), TimeProvider.System);

        // Act
        var act = () => file.WaitForChangeAsync(null, CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage($"*{path}*");
    }

    [Fact]
    public async Task FetchAsync_MissingFile_ThrowsMetadataExceptionNamingThePath()
    {
        // Arrange
        var path = _directory.Combine("missing.json");
        var file = new MetadataFile(path, new ContainerJson("map-public-http"), TimeSpan.FromMilliseconds(20), TimeProvider.System);

        // Act
        var act = () => file.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage($"*{path}*");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"containers":[{"uuid":"c-1",""")]
    [InlineData("""{"containers":{"uuid":"c-1"}}""")]
    [InlineData("""{"containers":[{"primary_ip":10}]}""")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task FetchAsync_InvalidJson_ThrowsMetadataExceptionNamingThePath(string json)
    {
        // Arrange
        var file = FileWith(json);

        // Act
        var act = () => file.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage($"*{_directory.Combine("metadata.json")}*");
    }

    public void Dispose() => _directory.Dispose();

    private MetadataFile FileWith(string json)
    {
        var path = _directory.Combine("metadata.json");
        File.WriteAllText(path, json);
        return new MetadataFile(path, new ContainerJson("map-public-http"), TimeSpan.FromMilliseconds(20), TimeProvider.System);
    }
}

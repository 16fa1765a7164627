using System.Diagnostics;
using RancherHaproxy.Discovery;
using RancherHaproxy.Tests.EndToEnd;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Discovery;

/// <summary>The HTTP client against the in-process fake metadata service: /version and long-polling.</summary>
public sealed partial class MetadataClientTests
{
    private const string Version = "/2015-12-19/version";
    private const string ContainersPath = "/2015-12-19/containers";

    [Fact]
    public async Task WaitForChangeAsync_NoLastVersion_ReturnsTheDecodedVersionAtOnce()
    {
        // Arrange
        await using var server = await FakeMetadataServer.StartAsync();
        var client = Client(server);

        // Act
        var version = await client.WaitForChangeAsync(null, CancellationToken.None);

        // Assert
        version.Should().Be(server.Version, "the JSON string is decoded, quotes and all");
        var request = server.Requests.Should().ContainSingle().Subject;
        request.Query.Should().BeEmpty("the first read must not wait");
        request.Accept.Should().Be("application/json");
    }

    [Theory]
    [InlineData("\"19-257aff5c\"", "19-257aff5c")]
    [InlineData("\"a\\u0026b\"", "a&b")]
    [InlineData("c0915a3b-7e1f", "c0915a3b-7e1f")]
    [InlineData("\"abc\"\n", "abc")]
    public async Task WaitForChangeAsync_VersionBody_IsDecoded(string body, string expected)
    {
        // Arrange
        await using var server = await Serve(("version", RawAnswer.Ok(body)));
        var client = Client(server);

        // Act / Assert
        (await client.WaitForChangeAsync(null, CancellationToken.None)).Should().Be(expected);
    }

    [Fact]
    public async Task WaitForChangeAsync_LastVersion_LongPollsWithWaitValueAndMaxWait()
    {
        // Arrange
        await using var server = await FakeMetadataServer.StartAsync();
        var client = Client(server);

        // Act
        var version = await client.WaitForChangeAsync("v1 &x", CancellationToken.None);

        // Assert
        version.Should().Be(server.Version);
        var query = server.Requests.Should().ContainSingle().Subject.Query;
        query.Should().Be("?wait=true&value=v1%20%26x&maxWait=7");
    }

    [Fact]
    public async Task WaitForChangeAsync_ServerAnswersAtOnceWithSameValue_PollsEveryPollIntervalNotInATightLoop()
    {
        // Arrange: a server without long-polling (Rancher <= 1.1) answers the same version at once, every time.
        await using var server = await FakeMetadataServer.StartAsync();
        server.Fault = MetadataFault.NoLongPoll;
        var client = Client(server);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(1400));
        var stopwatch = Stopwatch.StartNew();

        // Act
        var act = () => client.WaitForChangeAsync(server.Version, cancellation.Token);

        // Assert: 300 ms apart over 1.4 s is about 5 requests; a tight loop would make hundreds.
        await act.Should().ThrowAsync<OperationCanceledException>();
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "cancellation must end the wait promptly");
        server.RequestCount(Version).Should().BeInRange(2, 7);
        server.Requests.Should().AllSatisfy(request => request.Query.Should().Contain($"wait=true&value={server.Version}"));
    }

    [Fact]
    public async Task WaitForChangeAsync_NotFound_ThrowsMetadataExceptionNamingTheUrl()
    {
        // Arrange: a fresh metadata container whose answers have not loaded.
        await using var server = await Serve(MetadataFault.NotFound);
        var client = Client(server);

        // Act
        var act = () => client.WaitForChangeAsync(null, CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>())
            .WithMessage($"*http://{server.BaseHost}/2015-12-19/version*404*");
    }

    [Fact]
    public async Task WaitForChangeAsync_ServerError_ThrowsMetadataException()
    {
        // Arrange
        await using var server = await Serve(MetadataFault.ServerError);
        var client = Client(server);

        // Act
        var act = () => client.WaitForChangeAsync("v1", CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage("*version*500*");
    }

    [Fact]
    public async Task WaitForChangeAsync_ConnectionRefused_ThrowsMetadataExceptionNamingTheUrl()
    {
        // Arrange: a port nobody listens on.
        var host = $"127.0.0.1:{FreePort.Next()}";
        var client = new MetadataClient(Options(host), new ContainerJson("map-public-http"), TestLogger.Discarding, TimeProvider.System);

        // Act
        var act = () => client.WaitForChangeAsync(null, CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage($"*http://{host}/2015-12-19/version*");
    }

    [Theory(Timeout = 30_000)]
    [InlineData(Version)]
    [InlineData(ContainersPath)]
    public async Task Request_ServerHangsMidAnswer_ThrowsMetadataExceptionAfterRequestTimeout(string path)
    {
        // Arrange: headers and part of the body arrive, then nothing (issue 4: a hung connection).
        await using var server = await Serve(("version", RawAnswer.StallingAfter("\"v2")), ("containers", RawAnswer.StallingAfter("[{\"uuid\":")));
        var client = new MetadataClient(Options(server.BaseHost) with { RequestTimeout = TimeSpan.FromSeconds(1) }, new ContainerJson("map-public-http"), TestLogger.Discarding, TimeProvider.System);
        var stopwatch = Stopwatch.StartNew();

        // Act
        Func<Task> act = path == Version
            ? () => client.WaitForChangeAsync(null, CancellationToken.None)
            : () => client.FetchAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<MetadataException>()).WithMessage($"*http://{server.BaseHost}{path}*");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Description_IsTheBaseUrl()
    {
        // Arrange
        var client = new MetadataClient(Options("rancher-metadata:8080"), new ContainerJson("map-public-http"), TestLogger.Discarding, TimeProvider.System);

        // Act / Assert
        client.Description.Should().Be("http://rancher-metadata:8080/2015-12-19/");
    }

    /// <summary>The fake with no containers, no self service, and <paramref name="answers"/> raw (key path → answer).</summary>
    private static async Task<FakeMetadataServer> Serve(params (string KeyPath, RawAnswer Answer)[] answers)
    {
        var server = await FakeMetadataServer.StartAsync();
        foreach (var (keyPath, answer) in answers)
        {
            server.SetRawAnswer(keyPath, answer);
        }

        return server;
    }

    private static async Task<FakeMetadataServer> Serve(MetadataFault fault)
    {
        var server = await FakeMetadataServer.StartAsync();
        server.Fault = fault;
        return server;
    }

    private static MetadataClient Client(FakeMetadataServer server, long maxAnswerBytes = 1024 * 1024) =>
        new(Options(server.BaseHost, maxAnswerBytes), new ContainerJson("map-public-http"), TestLogger.Discarding, TimeProvider.System);

    private static MetadataClientOptions Options(string host, long maxAnswerBytes = 1024 * 1024) => new(
        host,
        "2015-12-19",
        PollInterval: TimeSpan.FromMilliseconds(300),
        LongPollWait: TimeSpan.FromSeconds(7),
        MaxAnswerBytes: maxAnswerBytes);
}

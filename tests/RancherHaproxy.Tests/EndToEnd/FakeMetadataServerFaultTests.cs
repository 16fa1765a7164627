using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>The fake's self answers, wait quantisation and fault hooks, which later tests rely on.</summary>
public sealed class FakeMetadataServerFaultTests : IAsyncLifetime
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private FakeMetadataServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeMetadataServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact(Timeout = 10_000)]
    public async Task Get_SelfServiceFromLoopback_AnswersPublishedServiceMetadata()
    {
        var aliases = new JsonObject { ["shop"] = new JsonArray("www", "store") };
        _server.Publish([], MetadataObjects.Service("lb", "haproxy", new JsonObject { ["aliases"] = aliases }), MetadataObjects.Host("127.0.0.9"));

        var json = await GetBodyAsync("/2015-12-19/self/service/metadata/aliases", "application/json");
        var agentIp = await GetBodyAsync("/2015-12-19/self/host/agent_ip", accept: null);
        var stack = await GetBodyAsync("/2015-12-19/self/stack/name", accept: null);

        json.Should().Be("{\"shop\":[\"www\",\"store\"]}");
        agentIp.Should().Be("127.0.0.9");
        stack.Should().Be("lb");
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_NoSelfServicePublished_SelfHoldsOnlyTheHost()
    {
        _server.Publish([]);

        var self = await GetBodyAsync("/latest/self", accept: null);
        var service = await Client.GetAsync($"http://{_server.BaseHost}/latest/self/service");

        self.Should().Be("host/\n");
        service.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_Root_ListsVersions()
    {
        var text = await GetBodyAsync("/", accept: null);

        text.Should().Be("2015-07-25\n2015-12-19\n2016-07-29\nlatest\n");
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_ContainerByNameInUpperCase_FallsBackToLowerCasePath()
    {
        _server.Publish(new ContainerBuilder().InStack("shop").WithName("shop-web-1").WithIp("10.42.0.7"));

        var ip = await GetBodyAsync("/latest/containers/SHOP-WEB-1/primary_ip", accept: null);

        ip.Should().Be("10.42.0.7");
    }

    [Theory(Timeout = 10_000)]
    [InlineData(nameof(MetadataFault.NotFound), 404, "{\"code\":404,\"message\":\"Not found\",\"type\":\"error\"}\n")]
    [InlineData(nameof(MetadataFault.ServerError), 500, "{\"code\":500,\"message\":\"Internal Server Error\",\"type\":\"error\"}\n")]
    public async Task Get_FaultSet_AnswersErrorForEverything(string fault, int status, string body)
    {
        _server.Publish(new ContainerBuilder().InStack("shop"));
        _server.Fault = Enum.Parse<MetadataFault>(fault);

        var response = await SendAsync("/2015-12-19/version", "application/json");

        ((int)response.StatusCode).Should().Be(status);
        (await response.Content.ReadAsStringAsync()).Should().Be(body);
    }

    [Fact(Timeout = 15_000)]
    public async Task Get_Hang_NeverAnswersUntilFaultCleared()
    {
        _server.Fault = MetadataFault.Hang;
        var request = SendAsync("/2015-12-19/version", "application/json");
        await _server.WaitForRequestsAsync("/2015-12-19/version", 1, TimeSpan.FromSeconds(5));
        var answeredWhileHanging = request.IsCompleted;

        _server.Fault = MetadataFault.None;
        var outcome = async () => await request;

        answeredWhileHanging.Should().BeFalse();
        await outcome.Should().ThrowAsync<HttpRequestException>("the hung connection is dropped without an answer");
    }

    [Fact(Timeout = 20_000)]
    public async Task LongPoll_QuantizedWaits_EndOnFiveSecondTick()
    {
        _server.QuantizeWaits = true;
        var version = _server.Publish([]);
        var stopwatch = Stopwatch.StartNew();

        var body = await GetBodyAsync($"/2015-12-19/version?wait=true&value={version}&maxWait=1", accept: null);

        stopwatch.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1)).And.BeLessThan(TimeSpan.FromSeconds(6.5));
        body.Should().Be(version);
    }

    [Fact(Timeout = 15_000)]
    public async Task LongPoll_MissingKey_WaitsThen404()
    {
        var stopwatch = Stopwatch.StartNew();

        var response = await SendAsync("/2015-12-19/self/container?wait=true&value=x&maxWait=1", "application/json");

        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact(Timeout = 10_000)]
    public async Task RequestCount_AfterRequests_CountsByPathPrefix()
    {
        await GetBodyAsync("/2015-12-19/version", accept: null);
        await GetBodyAsync("/2015-12-19/containers", accept: null);
        await GetBodyAsync("/2015-12-19/containers", accept: null);

        _server.RequestCount("/2015-12-19/containers").Should().Be(2);
        _server.RequestCount("/2015-12-19/").Should().Be(3);
        _server.Requests.Should().AllSatisfy(request => request.RemoteAddress.Should().Be("127.0.0.1"));
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_RawContainersAnswer_ServesExactBytesForContainersOnly()
    {
        var version = _server.Publish(new ContainerBuilder().InStack("shop"));
        _server.RawContainersAnswer = "[{\"uuid\": \"trunc"u8.ToArray();

        var containers = await GetBodyAsync("/2015-12-19/containers", "application/json");
        var current = await GetBodyAsync("/2015-12-19/version", accept: null);
        _server.RawContainersAnswer = null;
        var restored = await GetBodyAsync("/2015-12-19/containers", "application/json");
        _server.RawServiceMetadataAnswer = "{oops"u8.ToArray();
        var service = await GetBodyAsync("/2015-12-19/self/service/metadata", "application/json");

        containers.Should().Be("[{\"uuid\": \"trunc");
        service.Should().Be("{oops");
        current.Should().Be(version);
        restored.Should().StartWith("[{");
    }

    private async Task<string> GetBodyAsync(string pathAndQuery, string? accept)
    {
        var response = await SendAsync(pathAndQuery, accept);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "GET {0}", pathAndQuery);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<HttpResponseMessage> SendAsync(string pathAndQuery, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://{_server.BaseHost}{pathAndQuery}");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return Client.SendAsync(request);
    }
}

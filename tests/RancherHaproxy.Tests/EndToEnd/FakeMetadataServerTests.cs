using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>The fake must behave like reference/rancher-metadata.md, or the end-to-end tests prove nothing.</summary>
public sealed class FakeMetadataServerTests : IAsyncLifetime
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private FakeMetadataServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeMetadataServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact(Timeout = 10_000)]
    public async Task Get_JsonAccepted_AnswersJsonWithTextPlainContentType()
    {
        _server.Publish(new ContainerBuilder().InStack("shop").WithIp("10.42.0.5"));

        var response = await GetAsync("/2015-12-19/containers", "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; charset=utf-8");
        var containers = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        containers.Should().ContainSingle();
        containers[0]!["primary_ip"]!.GetValue<string>().Should().Be("10.42.0.5");
        containers[0]!["service_index"]!.GetValueKind().Should().Be(System.Text.Json.JsonValueKind.String);
    }

    [Theory(Timeout = 10_000)]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/json, text/plain")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    public async Task Get_AcceptNotNegotiatingJson_AnswersTextFormat(string? accept)
    {
        _server.Publish(new ContainerBuilder().InStack("shop").WithName("shop-web-1"));

        var body = await (await GetAsync("/latest/containers", accept)).Content.ReadAsStringAsync();

        body.Should().Be("0=shop-web-1\n");
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_MissingKeyInJsonMode_Answers404WithJsonBody()
    {
        var response = await GetAsync("/2015-12-19/self/container", "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; charset=utf-8");
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"code\":404,\"message\":\"Not found\",\"type\":\"error\"}\n");
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_UnknownVersion_Answers404InvalidVersion()
    {
        var response = await GetAsync("/LATEST/version", accept: null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Be("Invalid version\n");
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_NoContainers_AnswersNullInJsonAndEmptyBodyInText()
    {
        _server.Publish([]);

        var json = await (await GetAsync("/2016-07-29/containers", "application/json")).Content.ReadAsStringAsync();
        var text = await GetAsync("/2016-07-29/containers", accept: null);

        json.Should().Be("null");
        text.StatusCode.Should().Be(HttpStatusCode.OK);
        (await text.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_LatestVersion_LowerCasesNamesAndPrefixesPorts()
    {
        _server.Publish(new ContainerBuilder().InStack("MyStack").WithPort("8080:80/tcp"));

        var latest = JsonNode.Parse(await (await GetAsync("/latest/containers/0", "application/json")).Content.ReadAsStringAsync())!;
        var v2 = JsonNode.Parse(await (await GetAsync("/2015-12-19/containers/0", "application/json")).Content.ReadAsStringAsync())!;

        latest["stack_name"]!.GetValue<string>().Should().Be("mystack");
        latest["ports"]![0]!.GetValue<string>().Should().Be("0.0.0.0:8080:80/tcp");
        v2["stack_name"]!.GetValue<string>().Should().Be("MyStack");
        v2["ports"]![0]!.GetValue<string>().Should().Be("127.0.0.1:8080:80/tcp");
    }

    [Fact(Timeout = 20_000)]
    public async Task Get_SeveralContainers_OrderChangesBetweenResponses()
    {
        _server.Publish(Enumerable.Range(1, 6).Select(index => new ContainerBuilder().InStack("s").WithName($"s-web-{index}")).ToArray());

        var orders = new HashSet<string>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            orders.Add(await (await GetAsync("/latest/containers", accept: null)).Content.ReadAsStringAsync());
        }

        orders.Should().HaveCountGreaterThan(1);
    }

    [Fact(Timeout = 10_000)]
    public async Task Publish_IdenticalContent_ChangesVersion()
    {
        var container = new ContainerBuilder().InStack("shop").Build();
        var first = _server.Publish([container]);

        var second = _server.Publish([container]);
        var served = await (await GetAsync("/2015-12-19/version", "application/json")).Content.ReadAsStringAsync();

        second.Should().NotBe(first);
        served.Should().Be($"\"{second}\"");
    }

    [Fact(Timeout = 10_000)]
    public async Task LongPoll_ValueDiffers_ReturnsAtOnce()
    {
        var version = _server.Publish([]);
        var stopwatch = Stopwatch.StartNew();

        var body = await (await GetAsync("/2015-12-19/version?wait=true&value=init&maxWait=30", "application/json")).Content.ReadAsStringAsync();

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        body.Should().Be($"\"{version}\"");
    }

    [Fact(Timeout = 15_000)]
    public async Task LongPoll_ValueCurrent_BlocksUntilPublish()
    {
        var version = _server.Publish([]);
        var stopwatch = Stopwatch.StartNew();
        var poll = GetAsync($"/2015-12-19/version?wait=true&value={version}&maxWait=30", "application/json");
        await _server.WaitForRequestsAsync("/2015-12-19/version", 1, TimeSpan.FromSeconds(5));
        poll.IsCompleted.Should().BeFalse("the value is current, so the server must hold the request");

        var next = _server.Publish([]);
        var body = await (await poll).Content.ReadAsStringAsync();

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        body.Should().Be($"\"{next}\"");
    }

    [Fact(Timeout = 15_000)]
    public async Task LongPoll_NothingPublished_ReturnsSameValueAfterMaxWait()
    {
        var version = _server.Publish([]);
        var stopwatch = Stopwatch.StartNew();

        var body = await (await GetAsync($"/2015-12-19/version?wait=true&value={version}&maxWait=1", accept: null)).Content.ReadAsStringAsync();

        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)).And.BeLessThan(TimeSpan.FromSeconds(3));
        body.Should().Be(version);
    }

    [Fact(Timeout = 10_000)]
    public async Task LongPoll_WithoutLongPollSupport_AnswersAtOnce()
    {
        var version = _server.Publish([]);
        _server.Fault = MetadataFault.NoLongPoll;
        var stopwatch = Stopwatch.StartNew();

        var body = await (await GetAsync($"/2015-12-19/version?wait=true&value={version}&maxWait=30", accept: null)).Content.ReadAsStringAsync();

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        body.Should().Be(version);
    }

    [Theory]
    [InlineData(null, 60)]
    [InlineData("0", 60)]
    [InlineData("abc", 60)]
    [InlineData("7", 7)]
    [InlineData("500", 120)]
    public void ParseMaxWait_Value_FollowsServerRules(string? value, int expected) =>
        FakeMetadataServer.ParseMaxWait(value).Should().Be(expected);

    private Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://{_server.BaseHost}{pathAndQuery}");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return Client.SendAsync(request);
    }
}

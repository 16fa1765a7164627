using System.Net.Sockets;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Backends must be distinct 127.0.0.x listeners that say who answered.</summary>
public sealed class BackendListenerTests
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact(Timeout = 10_000)]
    public async Task Get_AnyRequest_AnswersWithItsNameAndHost()
    {
        await using var first = await BackendListener.StartAsync("one");
        await using var second = await BackendListener.StartAsync("two");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{first.Address}:{first.Port}/x");
        request.Headers.Host = "app.example";

        var body = await (await Client.SendAsync(request)).Content.ReadAsStringAsync();

        first.Address.Should().StartWith("127.").And.NotBe("127.0.0.1").And.NotBe(second.Address);
        body.Should().Be("backend=one host=app.example xff=\n");
        BackendListener.NameIn(body).Should().Be("one");
        first.RequestCount.Should().Be(1);
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_WithHeaders_RecordsPathAndEveryHeader()
    {
        await using var backend = await BackendListener.StartAsync("recorder");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{backend.Address}:{backend.Port}/seen?x=1");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic dTpw");

        using var response = await Client.SendAsync(request);

        var received = backend.ReceivedFor("/seen?x=1");
        received.Should().NotBeNull();
        received!.Header("authorization").Should().Be("Basic dTpw", "header names are looked up case-insensitively");
        received.Header("X-Absent").Should().BeNull();
        backend.Received.Should().ContainSingle();
    }

    [Fact(Timeout = 10_000)]
    public async Task Connect_OtherLoopbackAddress_IsRefused()
    {
        await using var backend = await BackendListener.StartAsync("only-mine");
        using var client = new TcpClient();

        var connect = async () => await client.ConnectAsync("127.0.0.1", backend.Port);

        await connect.Should().ThrowAsync<SocketException>("a backend listens on its own address only");
    }
}

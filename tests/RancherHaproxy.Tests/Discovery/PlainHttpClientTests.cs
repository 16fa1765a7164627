using System.Net;
using System.Net.Sockets;
using System.Text;
using RancherHaproxy.Discovery;

namespace RancherHaproxy.Tests.Discovery;

/// <summary>The small HTTP/1.1 client against a raw socket that answers exactly the bytes a test gives.</summary>
public sealed class PlainHttpClientTests
{
    [Fact(Timeout = 10_000)]
    public async Task GetAsync_ChunkedBodyWithExtension_DecodesEveryChunk()
    {
        var answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n";

        var (status, body, request) = await GetAsync(answer);

        status.Should().Be(HttpStatusCode.OK);
        body.Should().Be("hello, world");
        request.Should().StartWith("GET /2015-12-19/version?wait=true HTTP/1.1\r\n").And.Contain("\r\nAccept: application/json\r\n").And.Contain("\r\nConnection: close\r\n");
    }

    [Fact(Timeout = 10_000)]
    public async Task GetAsync_ContentLength_StopsThere()
    {
        var (status, body, _) = await GetAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\n\r\nNot found\nTRAILING");

        status.Should().Be(HttpStatusCode.NotFound);
        body.Should().Be("Not found\n");
    }

    [Fact(Timeout = 10_000)]
    public async Task GetAsync_NoLength_ReadsToTheClose()
    {
        var (_, body, _) = await GetAsync("HTTP/1.0 200 OK\r\n\r\n\"abc\"");

        body.Should().Be("\"abc\"");
    }

    [Fact(Timeout = 10_000)]
    public async Task GetAsync_ConnectionClosesBeforeContentLength_ThrowsIOException()
    {
        var act = () => GetAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");

        await act.Should().ThrowAsync<IOException>().WithMessage("*before the end*");
    }

    [Fact(Timeout = 10_000)]
    public async Task GetAsync_NotHttp_ThrowsIOException()
    {
        var act = () => GetAsync("SSH-2.0-OpenSSH\r\n\r\n");

        await act.Should().ThrowAsync<IOException>().WithMessage("*not an HTTP/1.x answer*");
    }

    [Fact(Timeout = 10_000)]
    public async Task GetAsync_ClosedBeforeAnyByte_SaysTheServerDidNotAnswer()
    {
        var act = () => GetAsync(string.Empty);

        (await act.Should().ThrowAsync<IOException>()).Which.Message.Should()
            .Be("the server closed the connection without answering (not one byte)");
    }

    [Fact(Timeout = 10_000)]
    public async Task GetAsync_ClosedInsideTheHead_SaysItClosedInTheMiddle()
    {
        var act = () => GetAsync("HTTP/1.1 200 OK\r\nContent-Le");

        (await act.Should().ThrowAsync<IOException>()).Which.Message.Should().Be("the connection closed in the middle of the answer");
    }

    [Fact(Timeout = 10_000)]
    public async Task GetAsync_BadChunkSize_ThrowsIOException()
    {
        var act = () => GetAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");

        await act.Should().ThrowAsync<IOException>().WithMessage("*bad chunk size*");
    }

    private static async Task<(HttpStatusCode Status, string Body, string Request)> GetAsync(string answer)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = ServeOnceAsync(listener, answer);

        using var response = await PlainHttpClient.GetAsync(
            new Uri($"http://127.0.0.1:{port}/2015-12-19/version?wait=true"), "application/json", CancellationToken.None);
        using var reader = new StreamReader(response.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        return (response.StatusCode, body, await serve);
    }

    private static async Task<string> ServeOnceAsync(TcpListener listener, string answer)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
        client.Client.Shutdown(SocketShutdown.Send);
        return request.ToString();
    }
}

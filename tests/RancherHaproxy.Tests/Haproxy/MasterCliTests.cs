using System.Net.Sockets;
using System.Text;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Haproxy;

public sealed class MasterCliTests
{
    [Fact(Timeout = 10000)]
    public async Task TrySendAsync_ServerAnswersAfterClientHalfCloses_ReturnsTheAnswer()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("master.sock");
        using var listener = Listen(path);
        // Like HAProxy 2.6: read the command until the client half-closes, only then answer.
        var server = ServeOnceAsync(listener, request => "echo:" + request);
        var cli = new MasterCli(path, TimeSpan.FromSeconds(5));

        var answer = await cli.TrySendAsync("show proc", CancellationToken.None);

        answer.Should().Be("echo:show proc\n");
        await server;
    }

    [Fact(Timeout = 10000)]
    public async Task TrySendAsync_NoSocket_ReturnsNull()
    {
        using var directory = new TempDirectory();
        var cli = new MasterCli(directory.Combine("absent.sock"), TimeSpan.FromSeconds(1));

        var answer = await cli.TrySendAsync("show proc", CancellationToken.None);

        answer.Should().BeNull();
    }

    [Fact(Timeout = 10000)]
    public async Task TrySendAsync_ServerNeverAnswers_ReturnsNullAfterTheTimeout()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("master.sock");
        using var listener = Listen(path);
        var cli = new MasterCli(path, TimeSpan.FromMilliseconds(300));

        var answer = await cli.TrySendAsync("show proc", CancellationToken.None);

        answer.Should().BeNull();
    }

    [Fact(Timeout = 10000)]
    public async Task TrySendAsync_CallerCancels_Throws()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("master.sock");
        using var listener = Listen(path);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var cli = new MasterCli(path, TimeSpan.FromSeconds(5));

        var send = () => cli.TrySendAsync("show proc", cancellation.Token);

        await send.Should().ThrowAsync<OperationCanceledException>();
    }

    private static Socket Listen(string path)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        return listener;
    }

    private static async Task ServeOnceAsync(Socket listener, Func<string, string> answer)
    {
        using var connection = await listener.AcceptAsync();
        var request = new StringBuilder();
        var buffer = new byte[256];
        int received;
        while ((received = await connection.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            request.Append(Encoding.ASCII.GetString(buffer, 0, received));
        }

        await connection.SendAsync(Encoding.ASCII.GetBytes(answer(request.ToString())), SocketFlags.None);
        connection.Shutdown(SocketShutdown.Both);
    }
}

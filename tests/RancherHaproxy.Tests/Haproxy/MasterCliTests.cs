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
    public async Task TrySendAsync_MasterRefusesThePrefixAndKeepsTheConnection_ReturnsTheRefusalAtOnce()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("master.sock");
        using var listener = Listen(path);
        // Like HAProxy 3.x for "@!<pid>" of a worker not ready yet: one line, then the connection stays open.
        const string Refusal = "Can't find the target PID matching the prefix '@!42'\n";
        using var release = new CancellationTokenSource();
        var server = ServeLineAsync(listener, _ => Refusal, keepOpen: release.Token);
        var cli = new MasterCli(path, TimeSpan.FromSeconds(5));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var answer = await cli.TrySendAsync("@!42 show info", CancellationToken.None);

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the refusal is the whole answer: no wait for an EOF that never comes");
        answer.Should().Be(Refusal);
        await release.CancelAsync();
        await server;
    }

    [Fact(Timeout = 10000)]
    public async Task TrySendWithoutHalfCloseAsync_ServerAnswersAndCloses_ReturnsTheAnswerWithoutHalfClosing()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("admin.sock");
        using var listener = Listen(path);
        // Like HAProxy's `wait`: a half-close interrupts it; otherwise it answers, then closes.
        var server = ServeLineAsync(listener, halfClosed => halfClosed ? "Interrupted.\n" : "Done.\n", keepOpen: CancellationToken.None);
        var cli = new MasterCli(path, TimeSpan.FromSeconds(5));

        var answer = await cli.TrySendWithoutHalfCloseAsync("wait 1000 srv-removable b/s", CancellationToken.None);

        answer.Should().Be("Done.\n");
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

    /// <summary>
    /// Reads one line, then answers: <paramref name="answer"/> learns whether the client had
    /// half-closed by then. Closes afterwards, or only once <paramref name="keepOpen"/> is cancelled.
    /// </summary>
    private static async Task ServeLineAsync(Socket listener, Func<bool, string> answer, CancellationToken keepOpen)
    {
        using var connection = await listener.AcceptAsync(CancellationToken.None);
        var buffer = new byte[256];
        var request = new StringBuilder();
        while (!request.ToString().Contains('\n', StringComparison.Ordinal))
        {
            request.Append(Encoding.ASCII.GetString(buffer, 0, await connection.ReceiveAsync(buffer, SocketFlags.None, CancellationToken.None)));
        }

        var halfClosed = connection.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead) && connection.Available == 0;
        await connection.SendAsync(Encoding.ASCII.GetBytes(answer(halfClosed)), SocketFlags.None, CancellationToken.None);
        if (keepOpen.CanBeCanceled)
        {
            await Task.Delay(Timeout.Infinite, keepOpen).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        connection.Shutdown(SocketShutdown.Both);
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

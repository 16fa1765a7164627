using System.Net.Sockets;
using System.Text;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// A client for HAProxy's CLI unix sockets — the master CLI (<c>-S path</c>) and the worker's stats
/// socket: one command per connection. The master is briefly unreachable while it re-execs on a
/// reload, so an unreachable socket is an expected answer (null), not an exception.
/// </summary>
internal sealed class MasterCli(string socketPath, TimeSpan timeout)
{
    private const int MaxResponseBytes = 1 << 20;

    /// <summary>
    /// How the master refuses an <c>@</c> prefix it cannot route, e.g. <c>@!pid</c> for a worker that
    /// is listed by <c>show proc</c> but has not told the master it is ready yet (3.x).
    /// </summary>
    private static readonly byte[] UnknownTargetReply = "Can't find the target PID"u8.ToArray();

    public string SocketPath { get; } = socketPath;

    /// <summary>
    /// Sends <paramref name="command"/>, half-closes, and returns the whole answer, or null when the
    /// socket is unreachable, the connection breaks or the answer takes longer than the per-call
    /// timeout. Cancellation of <paramref name="cancellationToken"/> itself is thrown, as always.
    /// </summary>
    public Task<string?> TrySendAsync(string command, CancellationToken cancellationToken) =>
        TrySendAsync(command, halfClose: true, cancellationToken);

    /// <summary>
    /// Like <see cref="TrySendAsync(string, CancellationToken)"/> without the half-close: for
    /// <c>wait</c>, which HAProxy interrupts at once when the client half-closes. The stats socket,
    /// not in interactive mode, closes the connection after the answer anyway.
    /// </summary>
    public Task<string?> TrySendWithoutHalfCloseAsync(string command, CancellationToken cancellationToken) =>
        TrySendAsync(command, halfClose: false, cancellationToken);

    private async Task<string?> TrySendAsync(string command, bool halfClose, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await SendAsync(command, halfClose, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task<string> SendAsync(string command, bool halfClose, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
        var request = Encoding.ASCII.GetBytes(command + "\n");
        var sent = 0;
        while (sent < request.Length)
        {
            sent += await socket.SendAsync(request.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        // The master CLI (2.6, 3.2 and 3.4 alike) keeps the connection open after the answer until
        // the client half-closes: the answer then ends at EOF.
        if (halfClose)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        using var response = new MemoryStream();
        var buffer = new byte[8192];
        int received;
        while (!IsUnknownTargetReply(response)
            && (received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (response.Length + received > MaxResponseBytes)
            {
                throw new IOException($"The master CLI at {SocketPath} answered more than {MaxResponseBytes} bytes.");
            }

            response.Write(buffer, 0, received);
        }

        return Encoding.UTF8.GetString(response.GetBuffer(), 0, (int)response.Length);
    }

    /// <summary>
    /// The master's one-line refusal of an <c>@</c> prefix is the whole answer, yet no EOF follows it
    /// when the half-close arrived together with the command: HAProxy (cli.c, pcli_wait_for_request)
    /// writes the error and waits for the next command without looking at the client's shutdown again,
    /// and the master CLI has no idle timeout — the client would wait for its own timeout.
    /// </summary>
    private static bool IsUnknownTargetReply(MemoryStream response)
    {
        var bytes = response.GetBuffer().AsSpan(0, (int)response.Length);
        return bytes.Length > UnknownTargetReply.Length && bytes.StartsWith(UnknownTargetReply) && bytes[^1] == (byte)'\n';
    }
}

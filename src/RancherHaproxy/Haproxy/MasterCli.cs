using System.Net.Sockets;
using System.Text;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// A client for HAProxy's master CLI unix socket (<c>-S path</c>): one command per connection.
/// The master is briefly unreachable while it re-execs on a reload, so an unreachable socket
/// is an expected answer (null), not an exception.
/// </summary>
internal sealed class MasterCli(string socketPath, TimeSpan timeout)
{
    private const int MaxResponseBytes = 1 << 20;

    public string SocketPath { get; } = socketPath;

    /// <summary>
    /// Sends <paramref name="command"/> and returns the whole answer, or null when the socket is
    /// unreachable, the connection breaks or the answer takes longer than the per-call timeout.
    /// Cancellation of <paramref name="cancellationToken"/> itself is thrown, as always.
    /// </summary>
    public async Task<string?> TrySendAsync(string command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await SendAsync(command, timeoutSource.Token).ConfigureAwait(false);
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

    private async Task<string> SendAsync(string command, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
        var request = Encoding.ASCII.GetBytes(command + "\n");
        var sent = 0;
        while (sent < request.Length)
        {
            sent += await socket.SendAsync(request.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        // HAProxy 2.6 keeps the connection open until the client half-closes; 3.x closes after
        // the answer anyway. Either way the answer ends at EOF.
        socket.Shutdown(SocketShutdown.Send);
        using var response = new MemoryStream();
        var buffer = new byte[8192];
        int received;
        while ((received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (response.Length + received > MaxResponseBytes)
            {
                throw new IOException($"The master CLI at {SocketPath} answered more than {MaxResponseBytes} bytes.");
            }

            response.Write(buffer, 0, received);
        }

        return Encoding.UTF8.GetString(response.GetBuffer(), 0, (int)response.Length);
    }
}

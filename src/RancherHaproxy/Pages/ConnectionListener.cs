using System.Buffers;
using System.Net.Sockets;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Pages;

/// <summary>
/// The accept loop the page server and the health endpoint share: a bound, listening socket, at most
/// <see cref="ConnectionLimits.MaxConnections"/> connections at once (more wait in the backlog), each
/// with a pooled head buffer and its own deadline, handed to <c>exchange</c>. Nothing here throws into
/// its caller: an accept failure (EMFILE and the like) is one warning and a pause, a connection's
/// failure is one debug line, and disposal waits for every connection in hand.
/// </summary>
internal sealed class ConnectionListener(
    Socket listener,
    ConnectionLimits limits,
    Func<Socket, long, byte[], CancellationToken, Task> exchange,
    TimeProvider timeProvider,
    Logger logger) : IAsyncDisposable
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _slots = new(limits.MaxConnections, limits.MaxConnections);
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;
    private int _disposed;
    private long _connections;

    /// <summary>Starts accepting on its own task.</summary>
    public void Start() => _acceptLoop = Task.Run(() => AcceptLoopAsync(_stopping.Token));

    /// <summary>Stops accepting, cancels the connections in hand and waits for them to end; closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        for (var slot = 0; slot < limits.MaxConnections; slot++)
        {
            await _slots.WaitAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                _slots.Release();
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                logger.Warn($"{limits.Name} accept failed, retrying", limits.Where, ("error", exception.Message));
                await DelayQuietlyAsync(stopping).ConfigureAwait(false);
                continue;
            }

            _ = ServeAsync(connection, Interlocked.Increment(ref _connections), stopping);
        }
    }

    /// <summary>One connection, start to close; never throws (the accept loop does not await it).</summary>
    private async Task ServeAsync(Socket connection, long id, CancellationToken stopping)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(limits.MaxHeadBytes);
        try
        {
            using var timeout = new CancellationTokenSource(limits.ConnectionTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
            await exchange(connection, id, buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposal cut the connection short: not a failure.
        }
        catch (OperationCanceledException)
        {
            logger.Debug($"{limits.Name} connection timed out", ("connection", id), ("timeout_s", limits.ConnectionTimeout.TotalSeconds));
        }
        catch (Exception exception)
        {
            logger.Debug($"{limits.Name} connection failed", ("connection", id), ("error", exception.Message));
        }
        finally
        {
            connection.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
            _slots.Release();
        }
    }

    private async Task DelayQuietlyAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(AcceptRetryDelay, timeProvider, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Disposal: the loop sees the token and ends.
        }
    }
}

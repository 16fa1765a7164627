using System.Net;
using System.Net.Sockets;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Operations;

/// <summary>
/// The daemon's own health endpoint (HEALTH_PORT): plain HTTP/1.1 over TCP for monitoring, one request
/// per connection, read with the page server's head parser and answered by <see cref="HealthRouter"/>
/// from the view <c>currentView</c> gives at that moment. Served by the daemon, not HAProxy, so it
/// answers before HAProxy runs and can say when HAProxy's master is gone. Nothing here throws into its
/// caller: a port that cannot be bound is one error line, and routing goes on without the endpoint.
/// </summary>
internal sealed partial class HealthServer(HealthOptions options, Func<HealthView> currentView, TimeProvider timeProvider, Logger logger)
    : IAsyncDisposable
{
    /// <summary>Connections handled at once; more wait in the backlog.</summary>
    public const int MaxConnections = 16;

    /// <summary>The request line and headers; a longer head is answered 431.</summary>
    public const int MaxHeadBytes = 8 * 1024;

    /// <summary>From accept to close, streaming HAProxy's exporter included (a scrape's own timeout is 10 s by default).</summary>
    public static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);

    private const int ListenBacklog = 64;

    private readonly SemaphoreSlim _slots = new(MaxConnections, MaxConnections);
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _disposed;
    private long _connections;

    /// <summary>The port bound (HEALTH_PORT), once listening.</summary>
    public int? BoundPort => (_listener?.LocalEndPoint as IPEndPoint)?.Port;

    /// <summary>Binds and starts accepting on its own task; false (one error line) when the port cannot be bound.</summary>
    public bool Start()
    {
        if (_listener is not null || Volatile.Read(ref _disposed) != 0)
        {
            return _listener is not null;
        }

        var address = IPAddress.Parse(options.Address);
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true;
            }

            listener.Bind(new IPEndPoint(address, options.Port));
            listener.Listen(ListenBacklog);
        }
        catch (SocketException exception)
        {
            listener.Dispose();
            Log.Unavailable(logger, options.Port, exception);
            return false;
        }

        _listener = listener;
        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener, _stopping.Token));
        Log.Listening(logger, options.Address, options.Port);
        return true;
    }

    /// <summary>Stops accepting and lets the connections in hand end (their token is cancelled).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        for (var slot = 0; slot < MaxConnections; slot++)
        {
            await _slots.WaitAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stopping)
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

                // EMFILE and the like: wait a little rather than spin, then accept again.
                Log.AcceptFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            _ = ServeAsync(connection, Interlocked.Increment(ref _connections), stopping);
        }
    }
}

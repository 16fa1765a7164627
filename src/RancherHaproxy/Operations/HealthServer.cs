using System.Net;
using System.Net.Sockets;
using RancherHaproxy.Logging;
using RancherHaproxy.Pages;

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

    private ConnectionListener? _connections;
    private int? _boundPort;
    private int _disposed;

    /// <summary>The port bound (HEALTH_PORT), once listening.</summary>
    public int? BoundPort => _boundPort;

    /// <summary>Binds and starts accepting on its own task; false (one error line) when the port cannot be bound.</summary>
    public bool Start()
    {
        if (_connections is not null || Volatile.Read(ref _disposed) != 0)
        {
            return _connections is not null;
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

        _boundPort = (listener.LocalEndPoint as IPEndPoint)?.Port;
        var limits = new ConnectionLimits("health endpoint", ("port", _boundPort), MaxConnections, MaxHeadBytes, ConnectionTimeout);
        _connections = new ConnectionListener(listener, limits, ExchangeAsync, timeProvider, logger);
        _connections.Start();
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

        if (_connections is not null)
        {
            await _connections.DisposeAsync().ConfigureAwait(false);
        }
    }
}

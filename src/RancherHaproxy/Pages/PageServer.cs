using System.Net.Sockets;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Pages;

/// <summary>
/// Serves the pages over HTTP/1.1 on a unix socket that only HAProxy talks to (the <c>no-route</c>
/// and <c>index</c> backends): one request per connection, answered from whatever model
/// <c>currentModel</c> returns at that moment, so a new model is visible at the next request with no
/// reload. Nothing here throws into or blocks its caller: a failed start is logged and reported as
/// false, every connection's failure is logged at debug, and the accept loop runs until disposal.
/// </summary>
internal sealed partial class PageServer(PageOptions options, Func<PageModel> currentModel, TimeProvider timeProvider, Logger logger)
    : IAsyncDisposable
{
    /// <summary>Connections handled at once; more wait in the listen backlog (HAProxy's maxconn queues before that).</summary>
    public const int MaxConnections = 64;

    /// <summary>The request line and headers, CRLFCRLF included; a longer head is answered 431.</summary>
    public const int MaxHeadBytes = 16 * 1024;

    /// <summary>How long one connection may take from accept to close, reading, answering and draining.</summary>
    public static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Connections the kernel holds while every slot is busy: a burst waits there rather than being refused.</summary>
    private const int ListenBacklog = 512;

    /// <summary>0660: HAProxy (the owner, or in the group: its workers once they drop root) connects; nobody else does.</summary>
    private const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    private readonly IndexCache _index = new();
    private ConnectionListener? _connections;
    private int _disposed;

    public string SocketPath => options.SocketPath;

    /// <summary>
    /// Replaces a stale socket file, binds, makes the socket 0660, listens and starts accepting on its
    /// own task. False (logged) when the socket cannot be set up; calling it again once started is a no-op.
    /// </summary>
    public bool Start()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return false;
        }

        if (_connections is not null)
        {
            return true;
        }

        var listener = TryListen();
        if (listener is null)
        {
            return false;
        }

        var limits = new ConnectionLimits("page", ("socket", SocketPath), MaxConnections, MaxHeadBytes, ConnectionTimeout);
        _connections = new ConnectionListener(listener, limits, ExchangeAsync, timeProvider, logger);
        _connections.Start();
        Log.Listening(logger, SocketPath);
        return true;
    }

    /// <summary>Stops accepting, lets the connections in hand end (their token is cancelled), and removes the socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_connections is not null)
        {
            await _connections.DisposeAsync().ConfigureAwait(false);
            DeleteSocketFile();
            Log.Stopped(logger, SocketPath);
        }
    }

    private Socket? TryListen()
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            DeleteSocketFile();
            listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
            // Before listen: no client can connect while the mode is still the umask's.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(SocketPath, SocketMode);
                GiveToGroup();
            }

            listener.Listen(ListenBacklog);
            return listener;
        }
        catch (Exception exception) when (exception is SocketException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            listener.Dispose();
            Log.ListenFailed(logger, SocketPath, exception);
            return null;
        }
    }

    /// <summary>root:&lt;workers' group&gt;: HAProxy's unprivileged workers connect through the group bits.</summary>
    private void GiveToGroup()
    {
        if (options.SocketGroupId is { } groupId && Haproxy.NativeMethods.ChangeGroup(SocketPath, groupId) is var error and not 0)
        {
            throw new IOException($"cannot give {SocketPath} to group {groupId} (errno {error})");
        }
    }

    private void DeleteSocketFile()
    {
        try
        {
            File.Delete(SocketPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.DeleteFailed(logger, SocketPath, exception);
        }
    }
}

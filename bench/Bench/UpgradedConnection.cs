using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RancherHaproxy.Bench;

/// <summary>
/// A websocket-style long connection through HAProxy: a raw backend that answers an Upgrade request
/// with 101 and then echoes, and one client that holds the upgraded connection and pings it every
/// second. HAProxy treats it as a tunnel (TIMEOUT_TUNNEL); a reload leaves it on the old worker,
/// which keeps it at most HARD_STOP_AFTER: then the client opens a new one, and the cut is recorded.
/// </summary>
internal sealed class UpgradedConnection : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private Task _pinging = Task.CompletedTask;
    private Task _accepting = Task.CompletedTask;
    private int _pongs;

    private UpgradedConnection(TcpListener listener) => _listener = listener;

    public string Address => ((IPEndPoint)_listener.LocalEndpoint).Address.ToString();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Pongs => Volatile.Read(ref _pongs);

    /// <summary>True while an upgraded connection is held.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>When (a <see cref="Stopwatch.GetTimestamp"/>) and why a held connection ended or an upgrade failed; the client opens a new one a second later.</summary>
    public List<(long At, string Why)> Cuts { get; } = [];

    public static UpgradedConnection Listen(string address)
    {
        var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        var connection = new UpgradedConnection(listener);
        connection._accepting = connection.AcceptAsync();
        return connection;
    }

    /// <summary>Holds an upgraded connection through HAProxy on <paramref name="port"/> with <paramref name="host"/>, again after each cut, until disposed.</summary>
    public void Hold(int port, string host) => _pinging = HoldLoopAsync(port, host);

    private async Task HoldLoopAsync(int port, string host)
    {
        while (!_stopping.IsCancellationRequested)
        {
            var why = await HoldOnceAsync(port, host);
            IsOpen = false;
            if (why is null)
            {
                return;
            }

            lock (Cuts)
            {
                Cuts.Add((Stopwatch.GetTimestamp(), why));
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Null when the soak ended it; otherwise why it ended.</summary>
    private async Task<string?> HoldOnceAsync(int port, string host)
    {
        using var client = new TcpClient();
        var buffer = new byte[64];
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, _stopping.Token);
            var stream = client.GetStream();
            var request = $"GET /ws HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), _stopping.Token);
            var head = await ReadHeadAsync(stream, _stopping.Token);
            if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            {
                return $"no upgrade: {head.Split('\r')[0]}";
            }

            IsOpen = true;
            while (true)
            {
                await stream.WriteAsync("ping\n"u8.ToArray(), _stopping.Token);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                if (await stream.ReadAsync(buffer, timeout.Token) == 0)
                {
                    return "closed by HAProxy";
                }

                Interlocked.Increment(ref _pongs);
                await Task.Delay(TimeSpan.FromSeconds(1), _stopping.Token);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await Task.WhenAll(_pinging, _accepting);
        _stopping.Dispose();
    }

    /// <summary>Upgrade requests get 101 and an echo; anything else (a stray check) 200 and close.</summary>
    private async Task AcceptAsync()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var socket = await _listener.AcceptTcpClientAsync(_stopping.Token);
                _ = ServeAsync(socket);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient socket)
    {
        using var owned = socket;
        try
        {
            var stream = socket.GetStream();
            var head = await ReadHeadAsync(stream, _stopping.Token);
            if (!head.Contains("Upgrade: websocket", StringComparison.OrdinalIgnoreCase))
            {
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"u8.ToArray(), _stopping.Token);
                return;
            }

            await stream.WriteAsync("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"u8.ToArray(), _stopping.Token);
            var buffer = new byte[256];
            int read;
            while ((read = await stream.ReadAsync(buffer, _stopping.Token)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
        {
            // The client or the soak went away.
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 8192)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}

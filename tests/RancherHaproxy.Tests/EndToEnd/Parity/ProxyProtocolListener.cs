using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>
/// A raw TCP backend on its own 127.0.200.x address that records how each request's connection
/// began — a PROXY v1 line, the PROXY v2 signature, or plain HTTP — and answers a minimal HTTP 200
/// whose body starts like <see cref="BackendListener"/>'s (<c>backend=&lt;name&gt; </c>).
/// </summary>
internal sealed class ProxyProtocolListener : IAsyncDisposable
{
    public static readonly byte[] V2Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    private static int _nextAddress;

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<string> _preambles = new();
    private readonly Task _acceptLoop;

    private ProxyProtocolListener(string name)
    {
        Name = name;
        Address = string.Create(CultureInfo.InvariantCulture, $"127.0.200.{1 + (Interlocked.Increment(ref _nextAddress) % 250)}");
        _listener = new TcpListener(IPAddress.Parse(Address), 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public string Name { get; }

    public string Address { get; }

    public int Port { get; }

    /// <summary>How each request's connection began: "v1", "v2" or "plain", in arrival order.</summary>
    public IReadOnlyList<string> Preambles => [.. _preambles];

    public static ProxyProtocolListener Start(string name) => new(name);

    public ContainerBuilder Container(string stack) =>
        new ContainerBuilder().InStack(stack).WithIp(Address)
            .WithLabel(ContainerBuilder.DefaultLabel, Port.ToString(CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                _ = Task.Run(() => AnswerAsync(client));
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var received = await ReadRequestAsync(stream);
                if (received is null)
                {
                    return; // a health check or a connection that never sent a request
                }

                var preamble = Classify(received);
                _preambles.Enqueue(preamble);
                var body = Encoding.ASCII.GetBytes($"backend={Name} proxy={preamble}\n");
                var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
                await stream.WriteAsync(head, _stopping.Token);
                await stream.WriteAsync(body, _stopping.Token);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // The client went away; nothing to record.
            }
        }
    }

    /// <summary>Everything up to the end of the HTTP request head, or null if the connection closed first.</summary>
    private async Task<byte[]?> ReadRequestAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, timeout.Token);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
            var text = Encoding.Latin1.GetString([.. buffer]);
            var http = text.IndexOf("HTTP/1.", StringComparison.Ordinal);
            if (http >= 0 && text.IndexOf("\r\n\r\n", http, StringComparison.Ordinal) >= 0)
            {
                return [.. buffer];
            }
        }
    }

    private static string Classify(byte[] received)
    {
        if (received.AsSpan().StartsWith(V2Signature))
        {
            return "v2";
        }

        return Encoding.ASCII.GetString(received, 0, Math.Min(11, received.Length)) == "PROXY TCP4 " ? "v1" : "plain";
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// A syslog server on 127.0.0.1 (UDP, a free port) for HAProxy's request logs: set
/// <c>SYSLOG_HOST</c> to <see cref="Target"/>; every datagram is kept, as text.
/// </summary>
internal sealed class SyslogReceiver : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ConcurrentQueue<string> _datagrams = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _receiving;

    public SyslogReceiver()
    {
        _receiving = ReceiveAsync();
    }

    /// <summary><c>127.0.0.1:port</c>, the value for SYSLOG_HOST.</summary>
    public string Target => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{((IPEndPoint)_socket.Client.LocalEndPoint!).Port}");

    public IReadOnlyList<string> Datagrams => [.. _datagrams];

    /// <summary>The first datagram that contains <paramref name="fragment"/> (e.g. a request's unique path), trailing newline removed.</summary>
    public async Task<string> WaitForAsync(string fragment, TimeSpan timeout)
    {
        var found = await Eventually.UntilAsync(
            () => Datagrams.FirstOrDefault(datagram => datagram.Contains(fragment, StringComparison.Ordinal)),
            datagram => datagram is not null,
            timeout,
            $"a syslog datagram containing {fragment}",
            _ => $"{Datagrams.Count} other datagrams: {string.Join(" | ", Datagrams.TakeLast(3))}");
        return found!.TrimEnd('\n', '\r', '\0');
    }

    /// <summary>Sends a request with a unique path through <paramref name="probe"/> and returns the datagram that logs it.</summary>
    public async Task<string> LogOfRequestAsync(HttpProbe probe, string host, TimeSpan timeout)
    {
        var path = "/log-" + Guid.NewGuid().ToString("N");
        var result = await probe.GetAsync(host, path);
        if (result.Status == 0)
        {
            throw new InvalidOperationException($"The request for {host}{path} failed: {result}");
        }

        return await WaitForAsync(path, timeout);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _socket.Dispose();
        try
        {
            _receiving.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The socket was closed under the pending receive: that is how it stops.
        }

        _stopping.Dispose();
    }

    private async Task ReceiveAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var received = await _socket.ReceiveAsync(_stopping.Token);
                _datagrams.Enqueue(Encoding.UTF8.GetString(received.Buffer));
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}

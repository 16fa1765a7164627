using System.Net;
using System.Net.Sockets;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// Ports for listeners a test hands to another process (HAProxy binds them a moment later). They
/// come from below Linux's ephemeral range (32768–60999), where the kernel's own picks for
/// port-0 listeners and outgoing connections never land, each port handed out once per run.
/// </summary>
internal static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static int _next = First + (Environment.ProcessId % 400 * 25);

    public static int Next()
    {
        for (var attempt = 0; attempt < Last - First; attempt++)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > Last)
            {
                Interlocked.CompareExchange(ref _next, First, port);
                continue;
            }

            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port from {First} to {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

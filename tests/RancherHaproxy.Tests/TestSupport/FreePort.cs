using System.Net;
using System.Net.Sockets;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>Ports for listeners a test starts; the kernel picks, so parallel tests never collide.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

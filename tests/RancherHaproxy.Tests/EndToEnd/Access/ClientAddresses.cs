using System.Globalization;
using System.Net;
using System.Text;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// The client source addresses of the access tests, all loopback (127/8 is local on Linux): the test
/// client binds one of them, so HAProxy sees it as <c>src</c>. Backends may listen on the same
/// addresses (they use other ports): only the source of the client's connection matters here.
/// </summary>
internal static class ClientAddresses
{
    /// <summary>The address a test puts in AUTH_BYPASS_CIDRS or ALLOW_CIDRS.</summary>
    public static readonly IPAddress Inside = IPAddress.Parse("127.0.0.2");

    /// <summary>An address outside those lists.</summary>
    public static readonly IPAddress Outside = IPAddress.Parse("127.0.0.3");

    /// <summary>The upstream L4 load balancer of ACCEPT_PROXY_FROM.</summary>
    public static readonly IPAddress Upstream = IPAddress.Parse("127.0.0.4");

    /// <summary>A client that is neither listed nor the upstream: its connections are plain HTTP.</summary>
    public static readonly IPAddress Elsewhere = IPAddress.Parse("127.0.0.5");

    /// <summary>A client of the harness's HTTP port leaving from <paramref name="source"/> (127.0.0.1 when null).</summary>
    public static RawHttpClient From(EndToEndHarness harness, IPAddress? source = null) => new(harness.Probe.Port, source);

    /// <summary>A CIDR of one address, e.g. <c>127.0.0.2/32</c>.</summary>
    public static string Cidr(IPAddress address) => string.Create(CultureInfo.InvariantCulture, $"{address}/32");

    /// <summary>A PROXY protocol v1 line from <paramref name="client"/>:5555 to 127.0.0.1:80, as an upstream writes it before the request.</summary>
    public static byte[] ProxyV1(IPAddress client) => Encoding.ASCII.GetBytes($"PROXY TCP4 {client} 127.0.0.1 5555 80\r\n");

    /// <summary>The same as a binary PROXY protocol v2 header: signature, PROXY command, TCP over IPv4, 12 address bytes.</summary>
    public static byte[] ProxyV2(IPAddress client) =>
    [
        0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A,
        0x21, 0x11, 0x00, 0x0C,
        .. client.GetAddressBytes(),
        127, 0, 0, 1,
        0x15, 0xB3,
        0x00, 0x50,
    ];
}

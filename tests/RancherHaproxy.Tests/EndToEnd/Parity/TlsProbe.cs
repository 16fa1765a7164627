using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>
/// One HTTPS request to HAProxy's TLS port on 127.0.0.1, with the URL's host as SNI and Host header.
/// Accepts any certificate and records the one it was shown.
/// </summary>
internal static class TlsProbe
{
    public static async Task<TlsResult> GetAsync(string host, int port, Version? version = null)
    {
        string? thumbprint = null;
        string? subject = null;
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            ConnectCallback = async (_, cancellationToken) =>
            {
                // Whatever the URL's host, the connection goes to loopback only.
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    thumbprint = certificate?.GetCertHashString();
                    subject = certificate?.Subject;

                    // The tests' certificates are self-signed: they compare the recorded thumbprint instead.
                    return certificate is not null;
                },
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"https://{host}:{port}/"))
        {
            Version = version ?? HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        try
        {
            using var response = await client.SendAsync(request);
            var proto = response.Headers.TryGetValues(BackendListener.EchoedProtoHeader, out var values) ? string.Join(",", values) : null;
            return new TlsResult((int)response.StatusCode, await response.Content.ReadAsStringAsync(), proto, thumbprint, subject, response.Version, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new TlsResult(0, string.Empty, null, thumbprint, subject, null, exception.Message);
        }
    }

    /// <summary>Polls until a result satisfies <paramref name="predicate"/>; on timeout, fails naming the last result.</summary>
    public static async Task<TlsResult> EventuallyAsync(string host, int port, Func<TlsResult, bool> predicate, TimeSpan timeout, string what)
    {
        return await Eventually.UntilAsync(() => GetAsync(host, port), predicate, timeout, $"https://{host}: {what}", pollInterval: TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>What one HTTPS request got: status, body, the X-Forwarded-Proto the backend saw, the server certificate.</summary>
internal sealed record TlsResult(int Status, string Body, string? ForwardedProto, string? Thumbprint, string? Subject, Version? Version, string? Error)
{
    public string? Backend => BackendListener.NameIn(Body);

    public override string ToString() =>
        Error is not null ? $"error: {Error} (certificate {Subject})" : $"{Status} {Body.Trim()} proto={ForwardedProto} certificate={Subject} {Thumbprint}";
}

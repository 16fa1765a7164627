using System.Net;

namespace RancherHaproxy.Discovery;

/// <summary>An answer's status and its body, read as it arrives. Disposing it closes the connection.</summary>
internal sealed class PlainHttpResponse(HttpStatusCode statusCode, Stream body) : IDisposable
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public Stream Body { get; } = body;

    public void Dispose() => Body.Dispose();
}

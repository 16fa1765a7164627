namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>What one request through HAProxy got: a status and body, or (Status 0) the connection error.</summary>
internal sealed record ProbeResult(int Status, string Body, string? Error)
{
    /// <summary>The <see cref="BackendListener"/> that answered, or null (HAProxy's 503, an error).</summary>
    public string? Backend => BackendListener.NameIn(Body);

    public override string ToString() =>
        Error is not null ? $"error: {Error}" : $"{Status} {Body.Trim()}";
}

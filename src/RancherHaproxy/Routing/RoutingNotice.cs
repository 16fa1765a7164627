namespace RancherHaproxy.Routing;

/// <summary>
/// Why something from metadata was not routed. <see cref="IsWarning"/> marks bad input (a wrong
/// label, an invalid name); the rest are ordinary states (starting, stopped, unhealthy).
/// </summary>
/// <param name="Subject">What it is about, e.g. `container=&lt;uuid&gt;` or `alias=&lt;name&gt;`.</param>
/// <param name="Field">The field or label at fault.</param>
internal sealed record RoutingNotice(bool IsWarning, string Subject, string Field, string Reason)
{
    /// <summary>The log message: what happened to the subject.</summary>
    public string Message { get; init; } = "not routed";
}

namespace RancherHaproxy.Discovery;

/// <summary>
/// Where one metadata fetch spent its time (the debug breakdown of an apply): connecting, sending
/// and reading /containers' head; waiting for its body's bytes; reading the JSON between those
/// waits; what the service metadata GETs (asked for at the same time) took past it. <c>Bytes</c> is the /containers body's length.
/// </summary>
internal sealed record FetchTimings(TimeSpan Head, TimeSpan Body, TimeSpan Parse, TimeSpan Service, long Bytes);

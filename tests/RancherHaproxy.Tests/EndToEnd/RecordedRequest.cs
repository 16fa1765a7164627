namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>One request the fake metadata server received, as it arrived.</summary>
/// <param name="Path">The raw path, e.g. <c>/2015-12-19/version</c>.</param>
/// <param name="Query">The raw query string including '?', or empty.</param>
internal sealed record RecordedRequest(DateTimeOffset ReceivedAt, string Method, string Path, string Query, string? Accept, string RemoteAddress);

namespace RancherHaproxy.Tls;

/// <summary>One `warn` line a certificate check asks for (component `tls`).</summary>
internal sealed record CertificateNotice(string Message, IReadOnlyList<(string Key, object? Value)> Fields);

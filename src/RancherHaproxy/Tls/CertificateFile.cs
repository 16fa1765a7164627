namespace RancherHaproxy.Tls;

/// <summary>One certificate the crt-list hands HAProxy: what it says (<see cref="Facts"/>), or why it cannot be read (<see cref="Error"/>).</summary>
/// <param name="Name">The label the log and the metric use: the file name, or `metadata` for the one built from service metadata.</param>
internal sealed record CertificateFile(string Name, CertificateFacts? Facts, string? Error);

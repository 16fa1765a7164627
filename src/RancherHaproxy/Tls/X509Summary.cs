namespace RancherHaproxy.Tls;

/// <summary>What the daemon reads of a certificate: its subject's CN (empty without one), its DNS SANs and its expiry.</summary>
internal sealed record X509Summary(string Subject, IReadOnlyList<string> DnsNames, DateTimeOffset NotAfter);

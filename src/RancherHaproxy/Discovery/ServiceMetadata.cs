namespace RancherHaproxy.Discovery;

/// <summary>
/// What the daemon reads from its own service's metadata (/self/service/metadata): host aliases per
/// stack and the TLS certificate and key. <see cref="Problems"/> names what was present but unusable.
/// </summary>
internal sealed record ServiceMetadata(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Aliases,
    string? SslCertificate,
    string? SslKey,
    IReadOnlyList<string> Problems)
{
    public static ServiceMetadata Empty { get; } = new(
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), null, null, []);

    public override string ToString() =>
        $"ServiceMetadata {{ Aliases = {Aliases.Count}, SslCertificate = {(SslCertificate is null ? "none" : "set")}, SslKey = {(SslKey is null ? "none" : "***")} }}";
}

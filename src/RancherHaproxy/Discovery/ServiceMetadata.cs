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

    /// <summary>
    /// auth_users: the users it adds (empty when the key is absent), or null when the list has a
    /// refused entry: then the metadata users in force stay as they were.
    /// </summary>
    public IReadOnlyList<Auth.AuthUser>? AuthUsers { get; init; } = [];

    public override string ToString() =>
        $"ServiceMetadata {{ Aliases = {Aliases.Count}, SslCertificate = {(SslCertificate is null ? "none" : "set")}, SslKey = {(SslKey is null ? "none" : "***")}, AuthUsers = {AuthUsers?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "refused"} }}";
}

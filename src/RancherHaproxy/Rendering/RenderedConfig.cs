using RancherHaproxy.Auth;
using RancherHaproxy.Routing;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Rendering;

/// <summary>
/// Everything the daemon generates, as text. Equal values mean nothing to do. The certificate list
/// comes twice: as installed, and as checked (naming the candidate PEM instead of the installed one).
/// </summary>
internal sealed record RenderedConfig(string DomainMap, string Backends, string CrtList, string CandidateCrtList, string? ManagedPem)
{
    /// <summary>Backend → stack, for logs and error pages (see <see cref="StackMapRenderer"/>).</summary>
    public string StackMap { get; init; } = StackMapRenderer.Render(RoutingTable.Empty);

    /// <summary>Protected host → realm (see <see cref="AuthMapRenderer"/>).</summary>
    public string AuthMap { get; init; } = AuthMapRenderer.Render(RoutingTable.Empty);

    /// <summary>
    /// The userlist, also part of <see cref="Backends"/>: the Runtime API cannot change a userlist,
    /// so a change here needs a reload.
    /// </summary>
    public string Users { get; init; } = UsersRenderer.Render([]);

    /// <summary>The files for <paramref name="table"/> with TLS off (an empty certificate list).</summary>
    public static RenderedConfig From(RoutingTable table) => From(table, CertificatePlan.Disabled, string.Empty, string.Empty);

    /// <param name="users">The users in force (start and metadata, merged); none when null.</param>
    public static RenderedConfig From(
        RoutingTable table, CertificatePlan certificates, string certificatePath, string candidateCertificatePath, int spareBackends = 0,
        IReadOnlyList<AuthUser>? users = null) =>
        From(table, certificates, certificatePath, candidateCertificatePath, spareBackends, Unrouted(certificates, users));

    /// <param name="unrouted">What <see cref="Unrouted"/> gave for these certificates and users (the sync loop has it already).</param>
    public static RenderedConfig From(
        RoutingTable table, CertificatePlan certificates, string certificatePath, string candidateCertificatePath, int spareBackends,
        (string CrtList, string? ManagedPem, string Users) unrouted)
    {
        var (crtList, managedPem, usersText) = unrouted;
        return new(
            DomainMapRenderer.Render(table),
            BackendsRenderer.Render(table, spareBackends, usersText),
            crtList,
            // Only a PEM the daemon writes has a candidate; a mounted HAPROXY_SSL_CERT is checked where it is.
            CrtListRenderer.Render(certificates, managedPem is null ? null : (certificatePath, candidateCertificatePath)),
            managedPem)
        {
            StackMap = StackMapRenderer.Render(table, spareBackends),
            AuthMap = AuthMapRenderer.Render(table),
            Users = usersText,
        };
    }

    /// <summary>What <see cref="From(RoutingTable, CertificatePlan, string, string, int, IReadOnlyList{AuthUser})"/> puts in <see cref="CrtList"/>, <see cref="ManagedPem"/> and <see cref="Users"/>: no route is rendered.</summary>
    public static (string CrtList, string? ManagedPem, string Users) Unrouted(CertificatePlan certificates, IReadOnlyList<AuthUser>? users) =>
        (CrtListRenderer.Render(certificates), certificates.ManagedPem, UsersRenderer.Render(users ?? []));

    /// <summary>These routes with the TLS side of <paramref name="other"/>: a refused certificate must not hold routes back.</summary>
    public RenderedConfig WithCertificatesOf(RenderedConfig other) =>
        this with { CrtList = other.CrtList, CandidateCrtList = other.CandidateCrtList, ManagedPem = other.ManagedPem };

    public override string ToString() =>
        $"RenderedConfig {{ DomainMap = {DomainMap.Length} chars, Backends = {Backends.Length} chars, Users = {Users.Length} chars, ManagedPem = {(ManagedPem is null ? "none" : "***")} }}";
}

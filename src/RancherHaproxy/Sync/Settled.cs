using RancherHaproxy.Routing;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Sync;

/// <summary>
/// What the running config was made from: the routing inputs' fingerprint, the certificate plan
/// (the certificate directory can change on its own), and the notices the build gave, repeated to
/// the reporter when an answer with the same inputs skips the build.
/// </summary>
internal sealed record Settled(RoutingInputs Inputs, CertificatePlan Certificates, IReadOnlyList<RoutingNotice> Notices);

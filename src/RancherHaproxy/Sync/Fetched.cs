using RancherHaproxy.Discovery;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Sync;

/// <summary>One answer: its fingerprint, and its routing table unless routing reads nothing new in it.</summary>
internal sealed record Fetched(MetadataSnapshot Snapshot, RoutingInputs Inputs, RoutingResult? Built);

using RancherHaproxy.Discovery;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Sync;

/// <summary>
/// One answer as the reader hands it on: the snapshot, its fingerprint, its routing table unless
/// routing reads nothing new in it (Built is null), and what reading it took.
/// </summary>
internal sealed record Reading(MetadataSnapshot Snapshot, RoutingInputs Inputs, RoutingResult? Built, TimeSpan FetchTime, long FetchAllocated);

using RancherHaproxy.Discovery;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Sync;

/// <summary>
/// One answer as the reader hands it on: the snapshot, its fingerprint, its routing table unless
/// routing reads nothing new in it (Built is null), and what reading it took. Once the table is
/// built the snapshot keeps no containers: the table holds what routing took from them, and the
/// list (megabytes in a large environment) need not live through rendering, the check and the
/// reload next to it.
/// </summary>
/// <param name="ContainerCount">How many containers the answer listed.</param>
internal sealed record Reading(MetadataSnapshot Snapshot, int ContainerCount, RoutingInputs Inputs, RoutingResult? Built, TimeSpan FetchTime, long FetchAllocated)
{
    /// <summary>The cycle's phases so far (fetch, inputs, build); the sync loop and actor add the rest.</summary>
    public CycleBreakdown? Breakdown { get; init; }

    /// <summary>An answer whose table is to be built later, if at all: it keeps its containers.</summary>
    public static Reading Unbuilt(MetadataSnapshot snapshot, RoutingInputs inputs, TimeSpan fetchTime, long fetchAllocated) =>
        new(snapshot, snapshot.Containers.Count, inputs, null, fetchTime, fetchAllocated);

    /// <summary>An answer with its table: its containers are let go.</summary>
    public static Reading WithTable(MetadataSnapshot snapshot, RoutingInputs inputs, RoutingResult built, TimeSpan fetchTime, long fetchAllocated) =>
        new(snapshot with { Containers = [] }, snapshot.Containers.Count, inputs, built, fetchTime, fetchAllocated);
}

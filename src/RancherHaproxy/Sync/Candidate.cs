using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Sync;

/// <summary>What one answer wants: its routing table, the files rendered from it, its inputs, and the main config's stamp now.</summary>
internal sealed record Candidate(RoutingTable Table, RenderedConfig Config, Settled Settled, string MainConfigStamp);

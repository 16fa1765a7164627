namespace RancherHaproxy.RuntimeApi;

/// <summary>The changes that take the running worker to the wanted routes, and the state after them.</summary>
internal sealed record RuntimePlan(IReadOnlyList<RuntimeOperation> Operations, LiveState Result);

namespace RancherHaproxy.Haproxy;

/// <summary>What <see cref="HaproxyController"/> knows at one moment; replaced whole, never mutated.</summary>
/// <param name="State">Where in its life HAProxy is.</param>
/// <param name="WorkerPid">The worker serving now, as last confirmed by the start or a successful reload.</param>
/// <param name="Version">HAProxy's version as its master reported it at start.</param>
internal sealed record HaproxySnapshot(HaproxyState State, int? WorkerPid, string? Version);

namespace RancherHaproxy.Haproxy;

/// <summary>What a reload did: whether the new worker took over, and HAProxy's own words if not.</summary>
internal sealed record ReloadOutcome(bool Succeeded, int? WorkerPid, int ReloadCount, string Detail);

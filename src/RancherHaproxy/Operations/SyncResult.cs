namespace RancherHaproxy.Operations;

/// <summary>How one sync cycle ended: <c>rancher_haproxy_syncs_total{result}</c>.</summary>
internal enum SyncResult
{
    /// <summary>Routes changed and were applied.</summary>
    Changed,

    /// <summary>Metadata was read; what runs already matched it.</summary>
    Unchanged,

    /// <summary>The read or the apply failed; the last good routes keep serving.</summary>
    Failed,
}

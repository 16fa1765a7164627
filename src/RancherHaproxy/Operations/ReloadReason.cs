namespace RancherHaproxy.Operations;

/// <summary>Why HAProxy was reloaded: <c>rancher_haproxy_reloads_total{reason}</c>.</summary>
internal enum ReloadReason
{
    /// <summary>The routes changed in a way the Runtime API cannot take (no spare left, a PROXY option).</summary>
    Routes,

    /// <summary>The main config (HAPROXY_CONFIG) changed since it last passed the check.</summary>
    MainConfig,

    /// <summary>The certificate list or the certificate from metadata changed.</summary>
    Certificates,

    /// <summary>CONSOLIDATE_AFTER: stacks on spare backends get their own.</summary>
    Consolidation,

    /// <summary>A reload that failed before, or a Runtime API command that was refused, is made good.</summary>
    Recovery,
}

namespace RancherHaproxy.Bench;

/// <summary>The faults of issue 15, injected one at a time in an order drawn from the printed seed.</summary>
internal enum SoakFault
{
    MetadataDown,
    ServerErrors,
    GarbageJson,
    TruncatedAnswer,
    SlowAnswer,
    EmptyContainersOnce,
    VersionOnly,
    CertificateRotation,
    BrokenMainConfig,
}

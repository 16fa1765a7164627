namespace RancherHaproxy.Discovery;

/// <summary>Where metadata comes from: the Rancher metadata service, or a local file.</summary>
internal interface IMetadataSource
{
    /// <summary>The URL or path, for log lines.</summary>
    string Description { get; }

    /// <summary>
    /// Returns the source's current version once it differs from <paramref name="lastVersion"/>
    /// (at once when <paramref name="lastVersion"/> is null). Blocks (long-polls) meanwhile.
    /// Throws <see cref="MetadataException"/> when the source cannot be read.
    /// </summary>
    Task<string> WaitForChangeAsync(string? lastVersion, CancellationToken cancellationToken);

    /// <summary>Reads the containers and the service metadata. Throws <see cref="MetadataException"/>.</summary>
    Task<MetadataSnapshot> FetchAsync(CancellationToken cancellationToken);

    /// <summary>/self/host/agent_ip (the original image's default syslog target), or null when unknown.</summary>
    Task<string?> ReadHostAgentIpAsync(CancellationToken cancellationToken);
}

namespace RancherHaproxy.Configuration;

/// <summary>One group of the system's group database.</summary>
internal sealed record GroupEntry(string Name, uint Id);

namespace RancherHaproxy.Configuration;

/// <summary>One user of the system's user database (passwd).</summary>
internal sealed record UserEntry(string Name, uint Id, uint PrimaryGroupId);

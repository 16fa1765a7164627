using RancherHaproxy.Configuration;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>A user database of a few entries, as /etc/passwd and /etc/group would list them.</summary>
internal sealed class FakeUserDatabase(IReadOnlyList<UserEntry> users, IReadOnlyList<GroupEntry> groups) : IUserDatabase
{
    /// <summary>root, haproxy (uid 102, group haproxy 105), www (uid 33, group www-data 33), nobody whose primary group has no name.</summary>
    public static FakeUserDatabase Standard { get; } = new(
        [new("root", 0, 0), new("haproxy", 102, 105), new("www", 33, 33), new("toor", 0, 0), new("orphan", 2000, 4242)],
        [new("root", 0), new("haproxy", 105), new("www-data", 33), new("proxy", 13)]);

    /// <summary>Like <see cref="Standard"/> without the haproxy user (and group).</summary>
    public static FakeUserDatabase WithoutHaproxy { get; } = new(
        [new("root", 0, 0), new("www", 33, 33)],
        [new("root", 0), new("www-data", 33)]);

    public UserEntry? FindUser(string name) => users.FirstOrDefault(user => user.Name == name);

    public UserEntry? FindUser(uint id) => users.FirstOrDefault(user => user.Id == id);

    public GroupEntry? FindGroup(string name) => groups.FirstOrDefault(group => group.Name == name);

    public GroupEntry? FindGroup(uint id) => groups.FirstOrDefault(group => group.Id == id);
}

using System.Globalization;

namespace RancherHaproxy.Configuration;

/// <summary>HAPROXY_USER, HAPROXY_GROUP: whom HAProxy's workers run as once they have bound their ports.</summary>
internal static partial class SettingsLoader
{
    /// <summary>The user the workers drop to when HAPROXY_USER is unset (Alpine's and Debian's haproxy packages create it).</summary>
    public const string DefaultWorkerUser = "haproxy";

    /// <summary>
    /// Only a root daemon has anything to drop. Unset: `haproxy` when it exists, else root with a
    /// warning. `root`/`0` (or any user whose uid is 0): root. Anything else must exist; the group
    /// defaults to the user's primary group.
    /// </summary>
    private static WorkerSettings ReadWorkers(SettingsReader reader, IUserDatabase users, bool daemonIsRoot)
    {
        if (!daemonIsRoot)
        {
            return WorkerSettings.NotRoot;
        }

        var userValue = reader.Optional("HAPROXY_USER");
        var user = Find(userValue ?? DefaultWorkerUser, users.FindUser, users.FindUser);
        if (user is null && userValue is null)
        {
            return WorkerSettings.KeepRoot($"no user '{DefaultWorkerUser}' exists and HAPROXY_USER is unset");
        }

        if (user is null)
        {
            reader.Fail("HAPROXY_USER", $"names no user of this system: '{userValue}'");
            return WorkerSettings.NotRoot;
        }

        if (user.Id == 0)
        {
            return WorkerSettings.KeepRoot("HAPROXY_USER names root");
        }

        var groupValue = reader.Optional("HAPROXY_GROUP");
        var group = groupValue is null ? users.FindGroup(user.PrimaryGroupId) : Find(groupValue, users.FindGroup, users.FindGroup);
        if (group is null)
        {
            reader.Fail("HAPROXY_GROUP", groupValue is null
                ? $"is unset and the primary group ({user.PrimaryGroupId}) of user '{user.Name}' has no name; set HAPROXY_GROUP"
                : $"names no group of this system: '{groupValue}'");
            return WorkerSettings.NotRoot;
        }

        return WorkerSettings.DropTo(user, group);
    }

    /// <summary>A name, or a number looked up as an id.</summary>
    private static T? Find<T>(string value, Func<string, T?> byName, Func<uint, T?> byId)
        where T : class =>
        uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? byId(id) : byName(value);
}

namespace RancherHaproxy.Configuration;

/// <summary>The system's users and groups, as HAProxy's own `user` and `group` keywords will find them.</summary>
internal interface IUserDatabase
{
    UserEntry? FindUser(string name);

    UserEntry? FindUser(uint id);

    GroupEntry? FindGroup(string name);

    GroupEntry? FindGroup(uint id);
}

using System.Text;
using RancherHaproxy.Auth;

namespace RancherHaproxy.Rendering;

/// <summary>
/// The `rh-users` userlist the HTTP frontends check credentials against (`http_auth(rh-users)`),
/// always declared, possibly empty. Hashes go in single quotes: HAProxy expands nothing there.
/// </summary>
internal static class UsersRenderer
{
    public const string UserList = "rh-users";

    public static string Render(IReadOnlyList<AuthUser> users)
    {
        var text = new StringBuilder("# Users for protected stacks (AUTH_USERS, AUTH_USERS_FILE, metadata auth_users).\n")
            .Append("userlist ").Append(UserList).Append('\n');
        foreach (var user in users)
        {
            text.Append("    user ").Append(user.Name).Append(" password '").Append(user.Hash).Append("'\n");
        }

        return text.ToString();
    }
}

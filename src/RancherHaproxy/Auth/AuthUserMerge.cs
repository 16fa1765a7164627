namespace RancherHaproxy.Auth;

/// <summary>Sources in order of precedence (env, file, metadata): a name defined again keeps its first definition.</summary>
internal static class AuthUserMerge
{
    /// <returns>The merged users in order, and the names a later source defined again (ignored there).</returns>
    public static (IReadOnlyList<AuthUser> Users, IReadOnlyList<string> Duplicates) Merge(params IReadOnlyList<AuthUser>[] sources)
    {
        var users = new List<AuthUser>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var user in sources.SelectMany(source => source))
        {
            if (names.Add(user.Name))
            {
                users.Add(user);
            }
            else if (!duplicates.Contains(user.Name))
            {
                duplicates.Add(user.Name);
            }
        }

        return (users, duplicates);
    }
}

namespace RancherHaproxy.Auth;

/// <summary>What one source of users (AUTH_USERS, AUTH_USERS_FILE, metadata auth_users) held: its users and what was wrong.</summary>
/// <param name="Users">The valid entries in order, a name defined twice kept once (the first).</param>
/// <param name="Errors">One message per refused entry, naming the user (never the hash, nor any part of it).</param>
/// <param name="Duplicates">Names defined more than once in this source.</param>
internal sealed record AuthUserList(IReadOnlyList<AuthUser> Users, IReadOnlyList<string> Errors, IReadOnlyList<string> Duplicates)
{
    public static AuthUserList Empty { get; } = new([], [], []);
}

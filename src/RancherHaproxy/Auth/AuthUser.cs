namespace RancherHaproxy.Auth;

/// <summary>One user of the `rh-users` userlist: a validated name and a crypt(3) hash HAProxy verifies.</summary>
/// <param name="Name">`[A-Za-z0-9._-]{1,64}`.</param>
/// <param name="Hash">bcrypt, SHA-256-crypt or SHA-512-crypt (see <see cref="PasswordHash"/>); never logged.</param>
internal sealed record AuthUser(string Name, string Hash)
{
    /// <summary>The hash stays out of every log line and test failure message.</summary>
    public override string ToString() => $"AuthUser {{ Name = {Name}, Hash = *** }}";
}

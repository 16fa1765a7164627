using System.Text;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// One htpasswd user of the access tests: its hash <see cref="Kind"/>, name, plain-text password and
/// the fixed hash of that password (test data from <see cref="TestUsers"/>, never a real secret).
/// </summary>
internal sealed record TestUser(string Kind, string Name, string Password, string Hash)
{
    /// <summary>The htpasswd line <c>name:hash</c>, as AUTH_USERS, AUTH_USERS_FILE and <c>auth_users</c> take it.</summary>
    public string Line => $"{Name}:{Hash}";

    /// <summary>The Authorization value for the right password.</summary>
    public string Authorization => Basic(Name, Password);

    /// <summary>The Authorization value for this user with a wrong password.</summary>
    public string WrongAuthorization => Basic(Name, Password + "-wrong");

    /// <summary>The request headers that carry the right credentials.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Credentials => [new("Authorization", Authorization)];

    /// <summary>The request headers that carry a wrong password.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> WrongCredentials => [new("Authorization", WrongAuthorization)];

    /// <summary>
    /// What of this user must never reach a log line: the password, the hash, its last field (the
    /// digest, or all of a plain-text "hash"), and the base64 of both Authorization values.
    /// </summary>
    public IReadOnlyList<string> Secrets =>
    [
        Password,
        Hash,
        Hash[(Hash.LastIndexOf('$') + 1)..],
        Authorization["Basic ".Length..],
        WrongAuthorization["Basic ".Length..],
    ];

    public static string Basic(string name, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{password}"));

    /// <summary>The kind, for assertion messages and theory names: never the hash.</summary>
    public override string ToString() => $"{Name} ({Kind})";
}

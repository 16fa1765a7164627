namespace RancherHaproxy.Auth;

/// <summary>
/// htpasswd-style `user:hash` entries, separated by newlines, commas or spaces; lines starting with
/// `#` are comments. Pure. Messages name the user at most: an entry that is not `user:hash` may be a
/// password typed in the wrong place, so nothing of it is quoted.
/// </summary>
internal static class AuthUserParser
{
    public const int MaxNameLength = 64;

    private static readonly char[] Separators = [' ', '\t', '\r', ','];

    public static AuthUserList Parse(string? text) => Parse(text is null ? [] : [text]);

    /// <param name="texts">The source's strings (metadata may give a list); each may hold several entries.</param>
    public static AuthUserList Parse(IEnumerable<string> texts)
    {
        var users = new List<AuthUser>();
        var errors = new List<string>();
        var duplicates = new List<string>();
        var position = 0;
        foreach (var entry in Entries(texts))
        {
            position++;
            var separator = entry.IndexOf(':', StringComparison.Ordinal);
            var name = separator < 0 ? string.Empty : entry[..separator];
            var hash = separator < 0 ? string.Empty : entry[(separator + 1)..];
            if (separator < 0 || !IsUserName(name))
            {
                errors.Add($"entry {position} is not user:hash with a user name of 1 to {MaxNameLength} letters, digits, '.', '_' or '-'");
            }
            else if (!PasswordHash.IsSupported(hash))
            {
                errors.Add(UnsupportedHash(name));
            }
            else if (users.Any(user => user.Name == name))
            {
                duplicates.Add(name);
            }
            else
            {
                users.Add(new AuthUser(name, hash));
            }
        }

        return new AuthUserList(users, errors, duplicates.Distinct(StringComparer.Ordinal).ToList());
    }

    public static bool IsUserName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or '-');

    public static string UnsupportedHash(string name) =>
        $"user {name}: unsupported hash; make a bcrypt one with: htpasswd -nbB {name} '<password>'";

    private static IEnumerable<string> Entries(IEnumerable<string> texts) =>
        texts.SelectMany(text => text.Split('\n'))
            .Where(line => !line.TrimStart().StartsWith('#'))
            .SelectMany(line => line.Split(Separators, StringSplitOptions.RemoveEmptyEntries));
}

namespace RancherHaproxy.Auth;

/// <summary>
/// The hashes both glibc's and musl's <c>crypt()</c> verify, so HAProxy's userlist accepts them on
/// Debian and Alpine alike: bcrypt (`$2a$`, `$2b$`, `$2y$`), SHA-256-crypt (`$5$`) and
/// SHA-512-crypt (`$6$`). Checked by shape only; plain text, `$1$` (MD5), `$apr1$` and the rest are refused.
/// </summary>
internal static class PasswordHash
{
    private const int BcryptBody = 53;
    private const int MaxSalt = 16;

    public static bool IsSupported(string hash) => IsBcrypt(hash) || IsShaCrypt(hash);

    /// <summary>Whether <paramref name="text"/> holds something that looks like one of these hashes (to keep it out of logs).</summary>
    public static bool ContainsHashPrefix(string text) =>
        text.Contains("$2a$", StringComparison.Ordinal) || text.Contains("$2b$", StringComparison.Ordinal)
        || text.Contains("$2y$", StringComparison.Ordinal) || text.Contains("$5$", StringComparison.Ordinal)
        || text.Contains("$6$", StringComparison.Ordinal);

    /// <summary>`$2?$NN$` then 53 characters of `./A-Za-z0-9` (22 of salt, 31 of digest).</summary>
    private static bool IsBcrypt(string hash) =>
        hash.Length == 7 + BcryptBody
        && hash.StartsWith("$2", StringComparison.Ordinal) && hash[2] is 'a' or 'b' or 'y' && hash[3] == '$'
        && char.IsAsciiDigit(hash[4]) && char.IsAsciiDigit(hash[5]) && hash[6] == '$'
        && hash.AsSpan(7).ToString().All(IsCryptCharacter);

    /// <summary>`$5$` or `$6$`, an optional `rounds=N$`, a salt of at most 16 characters, then 43 or 86 characters of digest.</summary>
    private static bool IsShaCrypt(string hash)
    {
        if (hash.Length < 4 || hash[0] != '$' || hash[1] is not ('5' or '6') || hash[2] != '$')
        {
            return false;
        }

        var digestLength = hash[1] == '5' ? 43 : 86;
        var parts = hash[3..].Split('$');
        if (parts.Length == 3 && parts[0].StartsWith("rounds=", StringComparison.Ordinal))
        {
            var rounds = parts[0]["rounds=".Length..];
            if (rounds.Length is 0 or > 9 || !rounds.All(char.IsAsciiDigit))
            {
                return false;
            }

            parts = parts[1..];
        }

        return parts.Length == 2
            && parts[0].Length <= MaxSalt && parts[0].All(IsCryptCharacter)
            && parts[1].Length == digestLength && parts[1].All(IsCryptCharacter);
    }

    private static bool IsCryptCharacter(char character) => char.IsAsciiLetterOrDigit(character) || character is '.' or '/';
}

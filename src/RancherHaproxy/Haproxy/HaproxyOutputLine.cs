using RancherHaproxy.Auth;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// HAProxy's own output lines, e.g. <c>[ALERT]    (3430) : config : parsing [main.cfg:36] : ...</c>:
/// their level and their text without the level tag.
/// </summary>
internal static class HaproxyOutputLine
{
    private const string AlertTag = "[ALERT]";
    private const string WarningTag = "[WARNING]";

    public static bool IsAlert(string line) => line.TrimStart().StartsWith(AlertTag, StringComparison.Ordinal);

    public static bool IsWarning(string line) => line.TrimStart().StartsWith(WarningTag, StringComparison.Ordinal);

    /// <summary>An alert, a warning, or any other line that speaks of an error.</summary>
    public static bool IsProblem(string line) =>
        IsAlert(line) || IsWarning(line) || line.Contains("error", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// HAProxy's level, except that a backend left without servers is expected here (the daemon
    /// empties a stack it removes at run time, or one whose containers all stopped): a warning; and
    /// a server entering or leaving maintenance or drain (the daemon's own commands) or passing its
    /// check again, and a stopping worker's proxies, are information (<see cref="HaproxyNotice"/>).
    /// </summary>
    public static LogLevel LevelOf(string line) =>
        IsAlert(line) && !line.Contains("has no server available", StringComparison.Ordinal) ? LogLevel.Error
        : IsWarning(line) && HaproxyNotice.IsRoutine(line) ? LogLevel.Info
        : IsAlert(line) || IsWarning(line) ? LogLevel.Warn
        : LogLevel.Info;

    /// <summary>
    /// Every word that holds a password hash (HAProxy may quote a userlist line in an error) becomes
    /// `***`: no hash, nor any part of one, reaches the log.
    /// </summary>
    public static string Redacted(string line) =>
        !PasswordHash.ContainsHashPrefix(line) ? line
        : string.Join(' ', line.Split(' ').Select(word => PasswordHash.ContainsHashPrefix(word) ? "***" : word));

    /// <summary>The line without its leading <c>[LEVEL]</c> tag and padding (the log level says it already), hashes redacted.</summary>
    public static string WithoutTag(string line)
    {
        var trimmed = Redacted(line.Trim());
        if (!trimmed.StartsWith('['))
        {
            return trimmed;
        }

        var end = trimmed.IndexOf(']', StringComparison.Ordinal);
        return end < 0 ? trimmed : trimmed[(end + 1)..].TrimStart();
    }
}

namespace RancherHaproxy.Haproxy;

/// <summary>
/// HAProxy's event lines about servers and proxies. HAProxy prints each twice: tagged on stderr
/// (<c>[WARNING]  (42) : Server b/s enters drain state. …</c>) and untagged through `log stdout`
/// (<c>Server b/s enters drain state. …</c>), and the daemon forwards both. The stderr copy always
/// comes (with SYSLOG_HOST the `log` copy goes to syslog instead), so the untagged copy is the one
/// dropped. The same texts on 2.6, 3.2 and 3.4; 2.6 puts <c>CLI : </c> before some. Pure.
/// </summary>
internal static class HaproxyNotice
{
    private static readonly string[] AdministeredStates =
    [
        "is going DOWN for maintenance",
        "was DOWN and now enters maintenance",
        "enters drain state",
        "(leaving forced maintenance)",
        "(leaving forced drain)",
    ];

    public static HaproxyNoticeKind Classify(string line)
    {
        var text = Event(HaproxyOutputLine.WithoutTag(line));
        if (text.StartsWith("Server ", StringComparison.Ordinal))
        {
            return ClassifyServer(text);
        }

        if (text.StartsWith("backend ", StringComparison.Ordinal) && text.EndsWith(" has no server available!", StringComparison.Ordinal))
        {
            return HaproxyNoticeKind.NoServerLeft;
        }

        return text.StartsWith("Proxy ", StringComparison.Ordinal) && text.Contains(" stopped (cumulated conns: ", StringComparison.Ordinal)
            ? HaproxyNoticeKind.ProxyStopped
            : HaproxyNoticeKind.None;
    }

    /// <summary>
    /// The backend an event is about: <c>b</c> in <c>Server b/s …</c> and in <c>backend 'b' has no
    /// server available!</c> (the log copy leaves out the quotes); null for other lines.
    /// </summary>
    public static string? BackendOf(string line)
    {
        var text = Event(HaproxyOutputLine.WithoutTag(line));
        if (text.StartsWith("Server ", StringComparison.Ordinal))
        {
            var slash = text.IndexOf('/', "Server ".Length);
            var space = text.IndexOf(' ', "Server ".Length);
            return slash > 0 && (space < 0 || slash < space) ? text["Server ".Length..slash] : null;
        }

        const string NoServerTail = " has no server available!";
        if (text.StartsWith("backend ", StringComparison.Ordinal) && text.EndsWith(NoServerTail, StringComparison.Ordinal))
        {
            var name = text["backend ".Length..^NoServerTail.Length];
            return name.Length > 2 && name[0] == '\'' && name[^1] == '\'' ? name[1..^1] : name;
        }

        return null;
    }

    /// <summary>The untagged `log stdout` copy of an event whose tagged copy arrives on stderr: not forwarded.</summary>
    public static bool IsLogCopy(string line) =>
        !line.TrimStart().StartsWith('[') && Classify(line) != HaproxyNoticeKind.None;

    /// <summary>
    /// An event HAProxy tags [WARNING] that is no problem: the daemon's own commands, a check that
    /// passes again, a proxy of a stopping worker (each stop and each reload's old worker).
    /// </summary>
    public static bool IsRoutine(string line) =>
        Classify(line) is HaproxyNoticeKind.ServerAdministered or HaproxyNoticeKind.HealthCheckUp or HaproxyNoticeKind.ProxyStopped;

    private static HaproxyNoticeKind ClassifyServer(string text)
    {
        // "Server <backend>/<server> <state>": names hold no space.
        var nameEnd = text.IndexOf(' ', "Server ".Length);
        if (nameEnd < 0 || !text.AsSpan("Server ".Length, nameEnd - "Server ".Length).Contains('/'))
        {
            return HaproxyNoticeKind.None;
        }

        var state = text[(nameEnd + 1)..];
        if (state.StartsWith("is DOWN, reason: ", StringComparison.Ordinal))
        {
            return HaproxyNoticeKind.HealthCheckDown;
        }

        if (state.StartsWith("is UP, reason: ", StringComparison.Ordinal))
        {
            return HaproxyNoticeKind.HealthCheckUp;
        }

        var administered = AdministeredStates.Any(phrase =>
            phrase.StartsWith('(') ? state.StartsWith("is ", StringComparison.Ordinal) && state.Contains(phrase, StringComparison.Ordinal)
            : state.StartsWith(phrase, StringComparison.Ordinal));
        return administered ? HaproxyNoticeKind.ServerAdministered : HaproxyNoticeKind.None;
    }

    /// <summary>The event's words: without the process id (<c>(42) : </c>) and the <c>CLI : </c> prefix.</summary>
    private static string Event(string text)
    {
        if (text.StartsWith('('))
        {
            var end = text.IndexOf(") : ", StringComparison.Ordinal);
            if (end > 1 && !text.AsSpan(1, end - 1).ContainsAnyExceptInRange('0', '9'))
            {
                text = text[(end + ") : ".Length)..];
            }
        }

        return text.StartsWith("CLI : ", StringComparison.Ordinal) ? text["CLI : ".Length..] : text;
    }
}

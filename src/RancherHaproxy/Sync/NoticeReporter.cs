using RancherHaproxy.Logging;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Sync;

/// <summary>
/// Logs each routing notice once, when it first appears, not on every poll: warnings at warn
/// level, ordinary states (starting, stopped) at debug.
/// </summary>
internal sealed class NoticeReporter(Logger logger)
{
    private HashSet<string> _previous = new(StringComparer.Ordinal);

    public void Report(IReadOnlyList<RoutingNotice> notices, IReadOnlyList<string> metadataProblems)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var notice in notices)
        {
            var key = $"{notice.Subject}|{notice.Field}|{notice.Reason}";
            if (current.Add(key) && !_previous.Contains(key))
            {
                Write(notice);
            }
        }

        foreach (var problem in metadataProblems)
        {
            if (current.Add(problem) && !_previous.Contains(problem))
            {
                logger.Warn(problem);
            }
        }

        _previous = current;
    }

    private void Write(RoutingNotice notice)
    {
        var separator = notice.Subject.IndexOf('=', StringComparison.Ordinal);
        var subjectKey = separator > 0 ? notice.Subject[..separator] : "subject";
        var subjectValue = separator > 0 ? notice.Subject[(separator + 1)..] : notice.Subject;
        if (notice.IsWarning)
        {
            logger.Warn(notice.Message, (subjectKey, subjectValue), ("field", notice.Field), ("reason", notice.Reason));
        }
        else
        {
            logger.Debug(notice.Message, (subjectKey, subjectValue), ("field", notice.Field), ("reason", notice.Reason));
        }
    }
}

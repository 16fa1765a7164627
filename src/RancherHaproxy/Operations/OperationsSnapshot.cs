namespace RancherHaproxy.Operations;

/// <summary>
/// What /status and /metrics show besides the counters: one immutable value, replaced whole by each
/// event, so a request reads a consistent picture without a lock.
/// </summary>
/// <param name="RoutesApplied">The first routes (metadata answer, file, or DISABLE_METADATA's files) run: /readyz can say ready.</param>
/// <param name="UnreachableSince">When metadata stopped answering; null while it answers.</param>
internal sealed record OperationsSnapshot(
    DateTimeOffset StartedAt,
    string? HaproxyVersion,
    bool RoutesApplied,
    ReadMark? LastRead,
    ApplyMark? LastApply,
    DateTimeOffset? LastSync,
    DateTimeOffset? UnreachableSince,
    string? MetadataError,
    RoutesFacts Routes,
    ErrorMark? LastError)
{
    public static OperationsSnapshot Start(DateTimeOffset startedAt) =>
        new(startedAt, null, false, null, null, null, null, null, RoutesFacts.None, null);

    public bool MetadataReachable => UnreachableSince is null;
}

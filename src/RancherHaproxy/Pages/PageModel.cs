namespace RancherHaproxy.Pages;

/// <summary>
/// What the daemon's pages show, as of the last apply: immutable, replaced whole by the sync loop and
/// read by the page server without a lock.
/// </summary>
/// <param name="Loaded">False until the first metadata answer has been applied: every answer is "routes are loading".</param>
/// <param name="Stacks">Every known stack (at least one container carries RANCHER_LABEL), newest first.</param>
/// <param name="NotReadyHosts">Host (lower case) → its stack and container counts, for hosts a stack owns but cannot serve.</param>
internal sealed record PageModel(
    bool Loaded,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<StackPage> Stacks,
    IReadOnlyDictionary<string, HostAnswer> NotReadyHosts)
{
    public static PageModel Loading(DateTimeOffset now) =>
        new(false, now, [], new Dictionary<string, HostAnswer>(StringComparer.Ordinal));
}

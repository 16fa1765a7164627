namespace RancherHaproxy.Configuration;

/// <summary>HAPROXY_USER and HAPROXY_GROUP, resolved against the user database at start.</summary>
/// <param name="Mode">Whether the workers drop root.</param>
/// <param name="User">The workers' user name (with <see cref="WorkerMode.Drop"/> only).</param>
/// <param name="Group">The workers' group name (with <see cref="WorkerMode.Drop"/> only).</param>
/// <param name="UserId">The workers' uid (with <see cref="WorkerMode.Drop"/> only).</param>
/// <param name="GroupId">The workers' gid: the run directory and pages.sock get it (with <see cref="WorkerMode.Drop"/> only).</param>
/// <param name="Reason">Why the workers stay root (with <see cref="WorkerMode.Root"/> only).</param>
internal sealed record WorkerSettings(WorkerMode Mode, string? User, string? Group, uint UserId, uint GroupId, string? Reason)
{
    public static WorkerSettings NotRoot { get; } = new(WorkerMode.DaemonNotRoot, null, null, 0, 0, null);

    public static WorkerSettings KeepRoot(string reason) => new(WorkerMode.Root, null, null, 0, 0, reason);

    public static WorkerSettings DropTo(UserEntry user, GroupEntry group) =>
        new(WorkerMode.Drop, user.Name, group.Name, user.Id, group.Id, null);
}

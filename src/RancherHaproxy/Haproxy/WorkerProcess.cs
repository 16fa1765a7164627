namespace RancherHaproxy.Haproxy;

/// <summary>One worker line of the master CLI's <c>show proc</c>.</summary>
/// <param name="Pid">The worker's process id.</param>
/// <param name="Reloads">How many reloads this worker has lived through (failed ones count too).</param>
internal sealed record WorkerProcess(int Pid, int Reloads);

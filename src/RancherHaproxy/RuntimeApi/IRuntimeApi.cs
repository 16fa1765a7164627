namespace RancherHaproxy.RuntimeApi;

/// <summary>The running worker's Runtime API, as the sync loop uses it.</summary>
internal interface IRuntimeApi
{
    /// <summary>Sends <paramref name="operations"/> in order; false as soon as one is refused (the caller then reloads).</summary>
    Task<bool> ExecuteAsync(IReadOnlyList<RuntimeOperation> operations, CancellationToken cancellationToken);

    /// <summary>Deletes the draining servers of <paramref name="backend"/> that carry no session; returns their names.</summary>
    Task<IReadOnlyList<string>> RemoveIdleAsync(
        string backend, IReadOnlyCollection<string> draining, bool waitUntilRemovable, CancellationToken cancellationToken);
}

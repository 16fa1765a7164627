namespace RancherHaproxy.Sync;

/// <summary>
/// The loop's one state, shared with the housekeeping beside it: read and replaced whole under one
/// gate, so a cycle and a housekeeping step never interleave.
/// </summary>
internal sealed class SyncStateStore : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SyncState _current = SyncState.Initial;

    /// <summary>The state as the last cycle or housekeeping step left it.</summary>
    public SyncState Current => Volatile.Read(ref _current);

    /// <summary>Replaces the state with what <paramref name="change"/> makes of it, alone.</summary>
    public async Task UpdateAsync(Func<SyncState, Task<SyncState>> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Volatile.Write(ref _current, await change(_current).ConfigureAwait(false));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The same, for a change without I/O.</summary>
    public Task UpdateAsync(Func<SyncState, SyncState> change, CancellationToken cancellationToken) =>
        UpdateAsync(state => Task.FromResult(change(state)), cancellationToken);

    public void Dispose() => _gate.Dispose();
}

namespace RancherHaproxy.Sync;

/// <summary>Once a second, beside the sync loop: drained servers leave, and memory goes back after a burst.</summary>
internal sealed partial class SyncLoop
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromSeconds(1);

    private async Task HousekeepingAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(HousekeepingInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            await RemoveDrainedServersAsync(cancellationToken).ConfigureAwait(false);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _trim.TrimIfIdle();
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}

namespace RancherHaproxy.Sync;

/// <summary>
/// SIGHUP's way into the loop: a request cancels the wait in progress, which then throws
/// <see cref="RequestedException"/>. A request while no wait is in progress (a cycle is running) is
/// kept and ends the next wait at once: a SIGHUP is never lost, and several during one cycle are one.
/// </summary>
internal sealed class ResyncSignal
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _current;
    private bool _pending;

    public void Request()
    {
        lock (_gate)
        {
            if (_current is null)
            {
                _pending = true;
            }
            else
            {
                _current.Cancel();
            }
        }
    }

    /// <summary>Runs <paramref name="wait"/> so that a request ends it.</summary>
    public async Task<T> WaitAsync<T>(Func<CancellationToken, Task<T>> wait, CancellationToken cancellationToken)
    {
        using var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            if (_pending)
            {
                _pending = false;
                throw new RequestedException();
            }

            _current = source;
        }

        try
        {
            return await wait(source.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RequestedException();
        }
        finally
        {
            lock (_gate)
            {
                _current = null;
            }
        }
    }

    /// <summary>The wait ended because a resync was requested.</summary>
    internal sealed class RequestedException : Exception;
}

namespace RancherHaproxy.Sync;

/// <summary>Doubling delays between retries, from an initial delay up to a maximum.</summary>
internal sealed class Backoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _maximum;
    private TimeSpan _next;

    public Backoff(TimeSpan initial, TimeSpan maximum)
    {
        _initial = initial;
        _maximum = maximum;
        _next = initial;
    }

    public TimeSpan Next()
    {
        var delay = _next < _maximum ? _next : _maximum;
        _next = delay * 2;
        return delay;
    }

    public void Reset() => _next = _initial;
}

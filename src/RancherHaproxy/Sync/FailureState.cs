namespace RancherHaproxy.Sync;

/// <summary>
/// Logs a failure once per change of state, not once per retry: a new message when the state first
/// appears or changes, and one line when things work again. The state is the message unless the
/// caller names it: retries that fail on different URLs of one outage are one state.
/// </summary>
internal sealed class FailureState(Action<string> onFailure, Action onRecovery)
{
    private string? _current;

    public void Fail(string message, string? state = null)
    {
        var key = state ?? message;
        if (key != _current)
        {
            onFailure(message);
            _current = key;
        }
    }

    public void Recover()
    {
        if (_current is not null)
        {
            onRecovery();
            _current = null;
        }
    }
}

namespace RancherHaproxy.Runtime;

/// <summary>
/// Logs a failure once per change of state, not once per retry: a new message when it first
/// appears or changes, and one line when things work again.
/// </summary>
internal sealed class FailureState(Action<string> onFailure, Action onRecovery)
{
    private string? _current;

    public bool IsFailing => _current is not null;

    public void Fail(string message)
    {
        if (message != _current)
        {
            onFailure(message);
            _current = message;
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

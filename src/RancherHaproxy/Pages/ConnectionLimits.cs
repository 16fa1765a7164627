namespace RancherHaproxy.Pages;

/// <summary>
/// What a <see cref="ConnectionListener"/> allows and how it names itself in its log lines:
/// <c>Name</c> starts each message ("page connection timed out"), <c>Where</c> is the field that
/// says which listener (its socket or port).
/// </summary>
internal sealed record ConnectionLimits(
    string Name,
    (string Key, object? Value) Where,
    int MaxConnections,
    int MaxHeadBytes,
    TimeSpan ConnectionTimeout);

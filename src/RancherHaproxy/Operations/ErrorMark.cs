namespace RancherHaproxy.Operations;

/// <summary>An error-level sync event: what the log said, never a secret.</summary>
internal sealed record ErrorMark(DateTimeOffset At, string Message);

namespace RancherHaproxy.Haproxy;

/// <summary>The verdict of `haproxy -c`, with HAProxy's error and alert lines when it failed.</summary>
internal sealed record ConfigCheckResult(bool IsValid, IReadOnlyList<string> ErrorLines);

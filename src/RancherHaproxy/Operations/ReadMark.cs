namespace RancherHaproxy.Operations;

/// <summary>A successful metadata read: when, and the version it had (the service's version, or the file's stamp).</summary>
internal sealed record ReadMark(DateTimeOffset At, string? SourceVersion);

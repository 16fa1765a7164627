namespace RancherHaproxy.Operations;

/// <summary>Routes applied (by a reload or at run time) or confirmed unchanged at start.</summary>
/// <param name="DurationMs">From the parsed answer to routes applied.</param>
internal sealed record ApplyMark(DateTimeOffset At, string? SourceVersion, bool Reload, long DurationMs);

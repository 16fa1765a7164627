namespace RancherHaproxy.Haproxy;

/// <summary>How a <see cref="ChildCommand"/> run ended: its exit code (null when it was killed for its timeout) and its output.</summary>
internal sealed record ChildCommandResult(int? ExitCode, string StandardOutput, string StandardError, bool TimedOut);

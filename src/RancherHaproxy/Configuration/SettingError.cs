namespace RancherHaproxy.Configuration;

/// <summary>One bad environment variable: its name, what it held (if safe to show) and why it is wrong.</summary>
internal sealed record SettingError(string Variable, string Reason);

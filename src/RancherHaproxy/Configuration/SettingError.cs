namespace RancherHaproxy.Configuration;

/// <summary>One bad environment variable: its name and why it is wrong (the reason quotes the value only where that is safe).</summary>
internal sealed record SettingError(string Variable, string Reason);

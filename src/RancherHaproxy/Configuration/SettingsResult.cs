namespace RancherHaproxy.Configuration;

/// <summary>Either settings or every error found; never both.</summary>
internal sealed record SettingsResult(Settings? Settings, IReadOnlyList<SettingError> Errors);

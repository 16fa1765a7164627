namespace RancherHaproxy.Configuration;

/// <summary>ENABLE_STATS and its companions. The password is never logged.</summary>
internal sealed record StatsSettings(bool Enabled, string Username, string Password)
{
    public override string ToString() => $"StatsSettings {{ Enabled = {Enabled}, Username = {Username}, Password = *** }}";
}

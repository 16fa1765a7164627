namespace RancherHaproxy.Tests.TestSupport;

/// <summary>A clock that always says the same time, for exact log lines.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

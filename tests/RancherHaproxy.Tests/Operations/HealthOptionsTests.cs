using RancherHaproxy.Operations;

namespace RancherHaproxy.Tests.Operations;

public sealed class HealthOptionsTests
{
    [Fact]
    public void StallLimit_LongestOfLongPollAndBackoff_PlusTenSeconds()
    {
        // Act / Assert: the default long-poll (120 s + 15 s grace) with a 10 s request timeout; POLL_INTERVAL=10
        HealthOptions.StallLimit(TimeSpan.FromSeconds(135), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)).Should().Be(TimeSpan.FromSeconds(155));
        HealthOptions.StallLimit(TimeSpan.FromSeconds(135), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(600)).Should().Be(TimeSpan.FromSeconds(620));
    }
}

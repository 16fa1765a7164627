using RancherHaproxy.Sync;

namespace RancherHaproxy.Tests.Sync;

public sealed class BackoffTests
{
    [Fact]
    public void Next_Repeatedly_DoublesUpToTheMaximum()
    {
        // Arrange
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        // Act
        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds).ToList();

        // Assert
        delays.Should().Equal(1, 2, 4, 5, 5, 5);
    }

    [Fact]
    public void Reset_AfterDelays_StartsAgainFromTheInitialDelay()
    {
        // Arrange
        var backoff = new Backoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        backoff.Next();
        backoff.Next();
        backoff.Next();

        // Act
        backoff.Reset();

        // Assert
        backoff.Next().Should().Be(TimeSpan.FromMilliseconds(500));
        backoff.Next().Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Next_InitialAboveMaximum_IsTheMaximum()
    {
        // Arrange
        var backoff = new Backoff(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));

        // Act / Assert
        backoff.Next().Should().Be(TimeSpan.FromMinutes(1));
        backoff.Next().Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Next_ManyTimes_NeverOverflows()
    {
        // Arrange
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));

        // Act
        var act = () =>
        {
            var delay = TimeSpan.Zero;
            for (var attempt = 0; attempt < 10_000; attempt++)
            {
                delay = backoff.Next();
            }

            return delay;
        };

        // Assert
        act.Should().NotThrow().Which.Should().Be(TimeSpan.FromMinutes(2));
    }
}

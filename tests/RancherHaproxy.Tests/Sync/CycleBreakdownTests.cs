using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Discovery;
using RancherHaproxy.Sync;

namespace RancherHaproxy.Tests.Sync;

/// <summary>The debug breakdown of an apply: phases in the order they ran, each the time since the previous one.</summary>
public sealed class CycleBreakdownTests
{
    [Fact]
    public void Fields_MeasuredFetchThenLaps_ListsEveryPhaseInOrder()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var breakdown = new CycleBreakdown(clock);
        breakdown.Fetched(new FetchTimings(TimeSpan.FromMilliseconds(1.25), TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(12.04), TimeSpan.FromMilliseconds(0.5), 7_600_000));
        clock.Advance(TimeSpan.FromMilliseconds(2));
        breakdown.Lap("build");
        clock.Advance(TimeSpan.FromMilliseconds(40)); // waiting for the state: not a phase
        breakdown.Restart();
        clock.Advance(TimeSpan.FromMilliseconds(4));
        breakdown.Lap("render");

        // Act
        var fields = breakdown.Fields();

        // Assert
        fields.Should().Equal(new (string, object?)[]
        {
            ("head_ms", 1.3), ("body_ms", 3.0), ("parse_ms", 12.0), ("service_ms", 0.5), ("build_ms", 2.0), ("render_ms", 4.0), ("bytes", 7_600_000L),
        });
    }

    [Fact]
    public void Fields_SourceWithoutTimings_IsOneFetchPhase()
    {
        // Arrange: local mode measures nothing of its own.
        var clock = new FakeTimeProvider();
        var breakdown = new CycleBreakdown(clock);
        clock.Advance(TimeSpan.FromMilliseconds(9));

        // Act
        breakdown.Fetched(timings: null);

        // Assert
        breakdown.Fields().Should().Equal(new (string, object?)[] { ("fetch_ms", 9.0) });
    }

    [Fact]
    public void Fields_StartedBeforeItWasMade_FirstLapCountsFromThen()
    {
        // Arrange: the source said "changed" 3 ms before the read began.
        var clock = new FakeTimeProvider();
        var wokeAt = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(3));
        var breakdown = new CycleBreakdown(clock, wokeAt);

        // Act
        breakdown.Lap("wake");

        // Assert
        breakdown.Fields().Should().Equal(new (string, object?)[] { ("wake_ms", 3.0) });
    }
}

using RancherHaproxy.Runtime;

namespace RancherHaproxy.Tests.Runtime;

/// <summary>Memory goes back after a big burst, once the daemon has been idle; never during a burst.</summary>
public sealed class MemoryTrimTests
{
    private readonly ManualClock _clock = new();
    private int _collections;

    [Fact]
    public void TrimIfIdle_BigBurstThenIdle_CollectsOnce()
    {
        // Arrange
        var trim = NewTrim();
        trim.CycleStarted();
        trim.CycleEnded(MemoryTrim.Threshold);
        _clock.Advance(MemoryTrim.IdleDelay);

        // Act
        var first = trim.TrimIfIdle();
        var second = trim.TrimIfIdle();

        // Assert
        (first, second, _collections).Should().Be((true, false, 1));
    }

    [Fact]
    public void TrimIfIdle_SmallBurst_DoesNotCollect()
    {
        // Arrange
        var trim = NewTrim();
        trim.CycleStarted();
        trim.CycleEnded(MemoryTrim.Threshold - 1);
        _clock.Advance(TimeSpan.FromMinutes(1));

        // Act / Assert
        trim.TrimIfIdle().Should().BeFalse();
        _collections.Should().Be(0);
    }

    [Fact]
    public void TrimIfIdle_NotIdleLongEnough_WaitsForTheIdleDelay()
    {
        // Arrange
        var trim = NewTrim();
        trim.CycleStarted();
        trim.CycleEnded(MemoryTrim.Threshold);
        _clock.Advance(MemoryTrim.IdleDelay - TimeSpan.FromMilliseconds(1));

        // Act
        var early = trim.TrimIfIdle();
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var due = trim.TrimIfIdle();

        // Assert
        (early, due).Should().Be((false, true));
    }

    [Fact]
    public void TrimIfIdle_AnotherCycleRunning_Waits()
    {
        // Arrange
        var trim = NewTrim();
        trim.CycleStarted();
        trim.CycleEnded(MemoryTrim.Threshold);
        _clock.Advance(MemoryTrim.IdleDelay);
        trim.CycleStarted();

        // Act / Assert
        trim.TrimIfIdle().Should().BeFalse("a cycle is running");
        trim.CycleEnded(0);
        trim.TrimIfIdle().Should().BeFalse("the idle delay starts again after each cycle");
        _clock.Advance(MemoryTrim.IdleDelay);
        trim.TrimIfIdle().Should().BeTrue("the big burst still left its memory behind");
    }

    [Fact]
    public void CycleEnded_MeasuresWhatTheCycleAllocated()
    {
        // Arrange
        var trim = NewTrim();
        trim.CycleStarted();
        var burst = new byte[MemoryTrim.Threshold];
        trim.CycleEnded();
        _clock.Advance(MemoryTrim.IdleDelay);

        // Act / Assert
        trim.TrimIfIdle().Should().BeTrue();
        GC.KeepAlive(burst);
    }

    private MemoryTrim NewTrim() => new(_clock, () => _collections++);

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}

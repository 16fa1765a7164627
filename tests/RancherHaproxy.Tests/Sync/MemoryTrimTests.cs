using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Sync;

namespace RancherHaproxy.Tests.Sync;

/// <summary>
/// Small cycles' garbage goes at the end of the cycle that fills their budget; a big burst's memory
/// goes back once the daemon has been idle, never during a burst.
/// </summary>
public sealed class MemoryTrimTests
{
    private readonly FakeTimeProvider _clock = new();
    private long _allocated;
    private int _plainCollections;
    private int _aggressiveCollections;

    [Fact]
    public void TrimIfIdle_BigBurstThenIdle_CollectsOnce()
    {
        // Arrange
        var trim = NewTrim();
        RunCycle(trim, MemoryTrim.Threshold);
        _clock.Advance(MemoryTrim.IdleDelay);

        // Act
        var first = trim.TrimIfIdle();
        var second = trim.TrimIfIdle();

        // Assert: the plain one at the end of the big cycle, the aggressive one once idle.
        (first, second, _aggressiveCollections, _plainCollections).Should().Be((true, false, 1, 1));
    }

    [Fact]
    public void CycleEnded_BigCyclesBackToBack_EachCollectsPlainlyAtItsEnd()
    {
        // Arrange: a burst of big answers; none of them must leave its garbage to the next.
        var trim = NewTrim();

        // Act
        var collectionsAfterEachCycle = Enumerable.Range(0, 3).Select(_ =>
        {
            RunCycle(trim, MemoryTrim.Threshold);
            return _plainCollections;
        }).ToList();

        // Assert
        collectionsAfterEachCycle.Should().Equal(1, 2, 3);
        _aggressiveCollections.Should().Be(0, "giving memory back waits until the burst is over");
    }

    [Fact]
    public void TrimIfIdle_SmallBurst_DoesNotCollectAggressively()
    {
        // Arrange
        var trim = NewTrim();
        RunCycle(trim, MemoryTrim.Threshold - 1);
        _clock.Advance(TimeSpan.FromMinutes(1));

        // Act / Assert
        trim.TrimIfIdle().Should().BeFalse();
        _aggressiveCollections.Should().Be(0);
    }

    [Fact]
    public void TrimIfIdle_NotIdleLongEnough_WaitsForTheIdleDelay()
    {
        // Arrange
        var trim = NewTrim();
        RunCycle(trim, MemoryTrim.Threshold);
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
        RunCycle(trim, MemoryTrim.Threshold);
        _clock.Advance(MemoryTrim.IdleDelay);
        trim.CycleStarted();

        // Act / Assert
        trim.TrimIfIdle().Should().BeFalse("a cycle is running");
        trim.CycleEnded();
        trim.TrimIfIdle().Should().BeFalse("the idle delay starts again after each cycle");
        _clock.Advance(MemoryTrim.IdleDelay);
        trim.TrimIfIdle().Should().BeTrue("the big burst still left its memory behind");
    }

    [Fact]
    public void CycleEnded_SmallCyclesFillTheirBudget_CollectsPlainlyAtTheEndOfThatCycle()
    {
        // Arrange
        var trim = NewTrim();
        var perCycle = MemoryTrim.SmallCyclesBudget / 4;

        // Act
        var collectionsAfterEachCycle = Enumerable.Range(0, 8).Select(_ =>
        {
            RunCycle(trim, perCycle);
            return _plainCollections;
        }).ToList();

        // Assert
        collectionsAfterEachCycle.Should().Equal(0, 0, 0, 1, 1, 1, 1, 2);
        _aggressiveCollections.Should().Be(0);
    }

    [Fact]
    public void CycleEnded_AllocationsBetweenCyclesCount_TowardsTheBudget()
    {
        // Arrange
        var trim = NewTrim();
        _allocated += MemoryTrim.SmallCyclesBudget;

        // Act
        RunCycle(trim, 1);

        // Assert
        _plainCollections.Should().Be(1, "HAProxy's forwarded output, for one, allocates between cycles");
    }

    [Fact]
    public void CycleEnded_BigBurstPending_LeavesTheCollectionToTheIdleTrim()
    {
        // Arrange
        var trim = NewTrim();
        RunCycle(trim, MemoryTrim.Threshold);

        // Act
        RunCycle(trim, MemoryTrim.SmallCyclesBudget - 1);
        _clock.Advance(MemoryTrim.IdleDelay);
        var trimmed = trim.TrimIfIdle();
        RunCycle(trim, MemoryTrim.SmallCyclesBudget - 1);

        // Assert: the big cycle's own plain collection; the small ones after it do not add one.
        (trimmed, _plainCollections, _aggressiveCollections).Should().Be((true, 1, 1), "the idle trim reset the budget");
    }

    [Fact]
    public void ForProcess_MeasuresWhatTheCycleAllocated()
    {
        // Arrange
        var trim = MemoryTrim.ForProcess(_clock);
        trim.CycleStarted();

        // Act
        var burst = new byte[64 * 1024];

        // Assert
        trim.AllocatedThisCycle.Should().BeGreaterThanOrEqualTo(burst.Length);
        trim.CycleEnded();
        GC.KeepAlive(burst);
    }

    [Fact]
    public void CycleStarted_AfterABigCycle_HoldsCollectionsForWhatItAllocatedAndAQuarterUntilItEnds()
    {
        // Arrange
        var events = new List<string>();
        var trim = new MemoryTrim(
            _clock, () => _allocated, () => events.Add("collect"), () => events.Add("aggressive"),
            bytes => { events.Add($"hold {bytes}"); return true; }, () => events.Add("release"));
        RunCycle(trim, 1000);
        RunCycle(trim, 8L * 1024 * 1024);
        events.Clear();

        // Act
        trim.CycleStarted();
        var holding = trim.Holding;
        _allocated += 8L * 1024 * 1024;
        trim.CycleEnded();

        // Assert: released before the end-of-cycle collection, which takes the cycle's garbage.
        holding.Should().BeTrue();
        events.Should().Equal("hold 10485760", "release", "collect");
        trim.Holding.Should().BeFalse();
    }

    [Fact]
    public void CycleStarted_AfterASmallCycleOrAHoldRefused_HoldsNothing()
    {
        // Arrange
        var (holds, releases) = (0, 0);
        var trim = new MemoryTrim(_clock, () => _allocated, () => { }, () => { }, _ => holds++ > 0 && false, () => releases++);
        RunCycle(trim, 1000);

        // Act: a small cycle, then a big one (no hold yet), then one whose hold the GC refuses.
        RunCycle(trim, MemoryTrim.Threshold);
        trim.CycleStarted();
        var holding = trim.Holding;
        trim.CycleEnded();

        // Assert
        (holds, releases, holding).Should().Be((1, 0, false));
    }

    private MemoryTrim NewTrim() => new(_clock, () => _allocated, () => _plainCollections++, () => _aggressiveCollections++);

    private void RunCycle(MemoryTrim trim, long allocates)
    {
        trim.CycleStarted();
        _allocated += allocates;
        trim.CycleEnded();
    }
}

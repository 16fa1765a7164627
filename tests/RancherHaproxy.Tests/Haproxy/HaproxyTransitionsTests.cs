using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.Haproxy;

/// <summary>The lifecycle table, row by row. States and triggers are named (the enums are internal; theories are public).</summary>
public sealed class HaproxyTransitionsTests
{
    /// <summary>Every (state, trigger) pair that moves, and where to: the whole lifecycle.</summary>
    private static readonly (HaproxyState State, HaproxyTrigger Trigger, HaproxyState Next)[] MoveTable =
    [
        (HaproxyState.NotStarted, HaproxyTrigger.Start, HaproxyState.Starting),
        (HaproxyState.Starting, HaproxyTrigger.Ready, HaproxyState.Running),
        (HaproxyState.Starting, HaproxyTrigger.StartFailed, HaproxyState.Failed),
        (HaproxyState.Running, HaproxyTrigger.Reload, HaproxyState.Reloading),
        (HaproxyState.Reloading, HaproxyTrigger.ReloadDone, HaproxyState.Running),
        (HaproxyState.Exited, HaproxyTrigger.ReloadDone, HaproxyState.Exited),
        (HaproxyState.Running, HaproxyTrigger.MasterExited, HaproxyState.Exited),
        (HaproxyState.Reloading, HaproxyTrigger.MasterExited, HaproxyState.Exited),
        (HaproxyState.Running, HaproxyTrigger.Stop, HaproxyState.Stopping),
        (HaproxyState.Exited, HaproxyTrigger.Stop, HaproxyState.Stopping),
        (HaproxyState.Stopping, HaproxyTrigger.Stop, HaproxyState.Stopping),
        (HaproxyState.Stopping, HaproxyTrigger.StopDone, HaproxyState.Stopped),
    ];

    /// <summary>A master exit that is expected (stopping, stopped, a failed start) or comes before Ready changes nothing.</summary>
    private static readonly HaproxyState[] StatesThatIgnoreAnExit =
        [HaproxyState.NotStarted, HaproxyState.Starting, HaproxyState.Stopping, HaproxyState.Stopped, HaproxyState.Failed, HaproxyState.Exited];

    public static TheoryData<string, string, string> Moves
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (state, trigger, next) in MoveTable)
            {
                data.Add(state.ToString(), trigger.ToString(), next.ToString());
            }

            return data;
        }
    }

    public static TheoryData<string> IgnoringAnExit => new(StatesThatIgnoreAnExit.Select(state => state.ToString()));

    [Theory]
    [MemberData(nameof(Moves))]
    public void Next_Move_GoesToItsState(string state, string trigger, string expected) =>
        HaproxyTransitions.Next(Enum.Parse<HaproxyState>(state), Enum.Parse<HaproxyTrigger>(trigger))
            .Should().Be(Enum.Parse<HaproxyState>(expected));

    [Theory]
    [MemberData(nameof(IgnoringAnExit))]
    public void Next_MasterExitedOutsideRunningOrReloading_StaysPut(string state) =>
        HaproxyTransitions.Next(Enum.Parse<HaproxyState>(state), HaproxyTrigger.MasterExited).Should().Be(Enum.Parse<HaproxyState>(state));

    [Fact]
    public void Next_EveryOtherPair_DoesNotApply()
    {
        var listed = MoveTable.Select(row => (row.State, row.Trigger))
            .Concat(StatesThatIgnoreAnExit.Select(state => (State: state, Trigger: HaproxyTrigger.MasterExited)))
            .ToHashSet();

        var others =
            from state in Enum.GetValues<HaproxyState>()
            from trigger in Enum.GetValues<HaproxyTrigger>()
            where !listed.Contains((state, trigger))
            select (state, trigger, next: HaproxyTransitions.Next(state, trigger));

        others.Where(pair => pair.next is not null).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Starting")]
    [InlineData("Running")]
    [InlineData("Stopped")]
    [InlineData("Failed")]
    [InlineData("Exited")]
    public void Next_StartOnceStarted_DoesNotApply(string state) =>
        HaproxyTransitions.Next(Enum.Parse<HaproxyState>(state), HaproxyTrigger.Start).Should().BeNull("a controller runs one master");

    [Theory]
    [InlineData("NotStarted")]
    [InlineData("Stopping")]
    [InlineData("Stopped")]
    [InlineData("Failed")]
    [InlineData("Exited")]
    public void Next_ReloadWhenNotRunning_DoesNotApply(string state) =>
        HaproxyTransitions.Next(Enum.Parse<HaproxyState>(state), HaproxyTrigger.Reload).Should().BeNull("SIGUSR2 goes only to a ready master");

    [Theory]
    [InlineData("NotStarted")]
    [InlineData("Stopped")]
    [InlineData("Failed")]
    public void Next_StopWithNothingToStop_DoesNotApply(string state) =>
        HaproxyTransitions.Next(Enum.Parse<HaproxyState>(state), HaproxyTrigger.Stop).Should().BeNull();

    [Fact]
    public void Next_AStartThatReloadsOnceAndStops_EndsStopped()
    {
        HaproxyTrigger[] life =
        [
            HaproxyTrigger.Start, HaproxyTrigger.Ready, HaproxyTrigger.Reload, HaproxyTrigger.ReloadDone,
            HaproxyTrigger.Stop, HaproxyTrigger.MasterExited, HaproxyTrigger.StopDone,
        ];

        var end = life.Aggregate(
            (HaproxyState?)HaproxyState.NotStarted,
            (state, trigger) => state is { } current ? HaproxyTransitions.Next(current, trigger) : null);

        end.Should().Be(HaproxyState.Stopped);
    }
}

using RancherHaproxy.Sync;

namespace RancherHaproxy.Tests.Sync;

/// <summary>SIGHUP into the loop: it ends the wait in progress, and one that comes between waits is kept for the next.</summary>
public sealed class ResyncSignalTests
{
    [Fact]
    public async Task Request_DuringAWait_EndsItWithRequested()
    {
        // Arrange
        var signal = new ResyncSignal();
        var started = new TaskCompletionSource();
        var wait = signal.WaitAsync(
            async token =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            },
            CancellationToken.None);
        await started.Task;

        // Act
        signal.Request();

        // Assert
        await FluentActions.Awaiting(() => wait).Should().ThrowAsync<ResyncSignal.RequestedException>();
    }

    [Fact]
    public async Task Request_BetweenWaits_EndsTheNextWaitAtOnceAndOnlyOnce()
    {
        // Arrange: two requests while the loop is busy with a cycle.
        var signal = new ResyncSignal();
        signal.Request();
        signal.Request();
        var calls = 0;

        // Act
        var first = () => signal.WaitAsync(_ => Task.FromResult(++calls), CancellationToken.None);
        await first.Should().ThrowAsync<ResyncSignal.RequestedException>("the request was kept");
        var second = await signal.WaitAsync(_ => Task.FromResult(++calls), CancellationToken.None);

        // Assert
        calls.Should().Be(1, "the kept request ended the first wait before it began; the second ran");
        second.Should().Be(1);
    }
}

using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Discovery;
using RancherHaproxy.Sync;
using RancherHaproxy.Tests.TestSupport;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Sync;

/// <summary>
/// The loop against fakes of its edges and a fake clock: back-off, the one-second probe, the removal
/// confirmation, the resync and the drain housekeeping, each timed on the fake clock alone.
/// </summary>
public sealed class SyncLoopTests : IAsyncDisposable
{
    /// <summary>How far the fake clock may run past a due time before the loop is seen to act.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(150);

    private readonly FakeTimeProvider _clock = new();
    private readonly FakeSource _source;
    private readonly FakeInstaller _installer = new();
    private readonly FakeHaproxy _haproxy = new();
    private readonly FakeRuntimeApi _runtime;
    private readonly CancellationTokenSource _stop = new();
    private SyncLoop? _loop;
    private Task? _running;

    public SyncLoopTests()
    {
        _source = new FakeSource(_clock);
        _runtime = new FakeRuntimeApi(_clock);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_FetchKeepsFailing_RetriesAfterDoublingBackoffUpToTheRetryInterval()
    {
        // Arrange
        _source.Containers = () => throw new MetadataException("GET http://fake/containers answered HTTP 500");
        _source.Publish();

        // Act
        Start(retryInterval: TimeSpan.FromSeconds(4));
        await AdvanceUntilAsync(() => _source.Fetches.Count >= 6, TimeSpan.FromSeconds(20));

        // Assert
        AssertGaps(_source.Fetches, 0.5, 1, 2, 4, 4);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_VersionReadKeepsFailing_AsksAgainEverySecond()
    {
        // Arrange
        _source.WaitFailure = new MetadataException("GET http://fake/version failed: connection refused");

        // Act
        Start(retryInterval: TimeSpan.FromSeconds(10));
        await AdvanceUntilAsync(() => _source.Waits.Count >= 8, TimeSpan.FromSeconds(20));

        // Assert
        AssertGaps(_source.Waits, 1, 1, 1, 1, 1, 1, 1);
        _source.Fetches.Should().BeEmpty("nothing is read in full while the version read fails");
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_AnswerRemovesMostServers_ReadsAgainAfterTheConfirmDelay()
    {
        // Arrange
        _source.Containers = () => [Containers.Routed("c-1"), Containers.Routed("c-2", ip: "10.42.0.2")];
        _source.Publish();
        Start();
        await AdvanceUntilAsync(() => _haproxy.Reloads == 1, TimeSpan.FromSeconds(5));

        // Act
        _source.Containers = () => [];
        _source.Publish();
        await AdvanceUntilAsync(() => _loop!.State.AppliedServers == 0, TimeSpan.FromSeconds(5));

        // Assert
        var fetches = _source.Fetches;
        (fetches[2] - fetches[1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThan(TimeSpan.FromSeconds(1) + Slack);
        fetches.Should().HaveCount(3, "the answer was read once more, and that second answer applied");
    }

    [Fact(Timeout = 30_000)]
    public async Task RequestResync_WhileWaiting_ReadsAgainWithoutANewVersion()
    {
        // Arrange
        _source.Containers = () => [Containers.Routed("c-1")];
        _source.Publish();
        Start();
        await AdvanceUntilAsync(() => _haproxy.Reloads == 1 && _source.Waits.Count == 2, TimeSpan.FromSeconds(5));

        // Act
        _loop!.RequestResync();
        await AdvanceUntilAsync(() => _source.Waits.Count == 4, TimeSpan.FromSeconds(5));

        // Assert: the wait was dropped, the version read at once (forgotten), the answer read and
        // applied again, then waited on again (waiting again is the loop's last step: no race).
        _source.Fetches.Should().HaveCount(2, "the answer is read again without a new version");
        _loop.State.Settled.Should().NotBeNull("the answer read after the resync was applied again");
    }

    [Fact(Timeout = 30_000)]
    public async Task Housekeeping_ServerDrained_IsRemovedOnTheNextTick()
    {
        // Arrange
        _source.Containers = () => [Containers.Routed("c-1"), Containers.Routed("c-2", ip: "10.42.0.2")];
        _source.Publish();
        Start();
        await AdvanceUntilAsync(() => _haproxy.Reloads == 1, TimeSpan.FromSeconds(5));

        // Act
        _source.Containers = () => [Containers.Routed("c-1")];
        _source.Publish();
        await AdvanceUntilAsync(() => _runtime.Operations > 0, TimeSpan.FromSeconds(5));
        var drainedAt = _clock.GetUtcNow();
        await AdvanceUntilAsync(() => _runtime.Removals.Count > 0, TimeSpan.FromSeconds(5));

        // Assert
        var removal = _runtime.Removals.Should().ContainSingle().Subject;
        removal.Backend.Should().Be("stack_shop");
        (removal.At - drainedAt).Should().BeLessThan(SyncHousekeeping.Interval + Slack);
        _loop!.State.DrainingBackends.Should().BeEmpty();
        _haproxy.Reloads.Should().Be(1, "the drain went through the Runtime API");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _loop?.Dispose();
        _stop.Dispose();
    }

    private void Start(TimeSpan? retryInterval = null)
    {
        var options = new SyncLoopOptions(
            Containers.Options, "/nonexistent/haproxy.cfg", "/nonexistent/backends.cfg", "/nonexistent/domain.map", "/nonexistent/crt-list.txt",
            new CertificateOptions(false, "/nonexistent/server.pem", false, false, "/nonexistent/placeholder.pem"), null, retryInterval ?? TimeSpan.FromSeconds(10));
        _loop = new SyncLoop(_source, _installer, _haproxy, _runtime, options, TestLogger.Discarding, _clock);
        _loop.HaproxyStarted(null);
        _running = Task.Run(() => _loop.RunAsync(_stop.Token));
    }

    /// <summary>Runs the fake clock forward in small steps, letting the loop act between them, until <paramref name="done"/>.</summary>
    private async Task AdvanceUntilAsync(Func<bool> done, TimeSpan max)
    {
        var advanced = TimeSpan.Zero;
        while (!done())
        {
            advanced.Should().BeLessThan(max, "the loop should have acted by then");
            _running!.IsFaulted.Should().BeFalse(_running.Exception?.ToString());
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            advanced += TimeSpan.FromMilliseconds(10);
            await Task.Delay(1);
        }
    }

    private static void AssertGaps(IReadOnlyList<DateTimeOffset> times, params double[] seconds)
    {
        for (var index = 0; index < seconds.Length; index++)
        {
            var gap = times[index + 1] - times[index];
            var expected = TimeSpan.FromSeconds(seconds[index]);
            gap.Should().BeGreaterThanOrEqualTo(expected, "gap {0}", index).And.BeLessThan(expected + Slack, "gap {0}", index);
        }
    }
}

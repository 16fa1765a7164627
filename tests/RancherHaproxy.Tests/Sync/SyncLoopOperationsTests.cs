using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Discovery;
using RancherHaproxy.Operations;
using RancherHaproxy.Sync;
using RancherHaproxy.Tests.TestSupport;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Sync;

/// <summary>What the loop reports to the health endpoint's state as it reads, applies and fails, against fakes and a fake clock.</summary>
public sealed class SyncLoopOperationsTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero));
    private readonly FakeSource _source;
    private readonly FakeInstaller _installer = new();
    private readonly FakeHaproxy _haproxy = new();
    private readonly FakeRuntimeApi _runtime;
    private readonly CancellationTokenSource _stop = new();
    private readonly OperationsState _operations;
    private SyncLoop? _loop;
    private Task? _running;

    public SyncLoopOperationsTests()
    {
        _source = new FakeSource(_clock);
        _runtime = new FakeRuntimeApi(_clock);
        _operations = new OperationsState(_clock);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_FirstAnswerApplied_ReadyWithCountsAReloadAndAChangedSync()
    {
        // Arrange
        _source.Containers = () => [Containers.Routed("c-1"), Containers.Routed("c-2", ip: "10.42.0.2")];
        _source.Publish();

        // Act
        Start();
        await AdvanceUntilAsync(() => _operations.Current.RoutesApplied, TimeSpan.FromSeconds(5));

        // Assert
        var snapshot = _operations.Current;
        snapshot.Routes.Servers.Should().Be(2);
        snapshot.LastRead!.SourceVersion.Should().Be("1");
        snapshot.LastApply!.Reload.Should().BeTrue();
        snapshot.LastSync.Should().NotBeNull();
        _operations.Counters.Syncs((int)SyncResult.Changed).Should().Be(1);
        _operations.Counters.Reloads((int)ReloadReason.Routes, 0).Should().Be(1);
        _operations.Counters.ApplyDuration.Count.Should().Be(1);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_VersionReadFails_CountsTheKindAndMarksMetadataUnreachableUntilItAnswers()
    {
        // Arrange
        _source.WaitFailure = new MetadataException("GET http://fake/version answered HTTP 500", MetadataErrorKind.HttpStatus);

        // Act
        Start();
        await AdvanceUntilAsync(() => _operations.Counters.MetadataErrors((int)MetadataErrorKind.HttpStatus) >= 3, TimeSpan.FromSeconds(10));
        var during = _operations.Current;
        _source.WaitFailure = null;
        _source.Publish();
        await AdvanceUntilAsync(() => _operations.Current.MetadataReachable, TimeSpan.FromSeconds(5));

        // Assert
        during.MetadataReachable.Should().BeFalse();
        during.UnreachableSince.Should().Be(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero));
        during.LastError!.Message.Should().Be("GET http://fake/version answered HTTP 500");
        _operations.Counters.Syncs((int)SyncResult.Failed).Should().BeGreaterThanOrEqualTo(3);
        _operations.Current.LastError.Should().NotBeNull("the last error stays after recovery");
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

    private void Start()
    {
        var options = new SyncLoopOptions(
            Containers.Options, "/nonexistent/haproxy.cfg", "/nonexistent/backends.cfg", "/nonexistent/domain.map", "/nonexistent/crt-list.txt",
            new CertificateOptions(false, "/nonexistent/server.pem", false, false, "/nonexistent/placeholder.pem"), null, TimeSpan.FromSeconds(10));
        _loop = new SyncLoop(_source, _installer, _haproxy, _runtime, options, TestLogger.Discarding, _clock, _operations);
        _loop.HaproxyStarted(null);
        _running = Task.Run(() => _loop.RunAsync(_stop.Token));
    }

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
}

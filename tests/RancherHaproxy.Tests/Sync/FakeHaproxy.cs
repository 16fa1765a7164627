using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.Sync;

/// <summary>An HAProxy whose reloads always succeed, counted.</summary>
internal sealed class FakeHaproxy : IHaproxyController
{
    public int Reloads { get; private set; }

    public int? MasterPid => 1;

    public Task<int> Exited { get; } = new TaskCompletionSource<int>().Task;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken)
    {
        Reloads++;
        return Task.FromResult(new ReloadOutcome(true, 2, Reloads, "ok"));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

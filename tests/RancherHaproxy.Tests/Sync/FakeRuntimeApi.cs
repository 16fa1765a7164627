using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Tests.Sync;

/// <summary>A Runtime API that takes every command and removes every drained server it is asked about, stamped with the fake clock's time.</summary>
internal sealed class FakeRuntimeApi(FakeTimeProvider clock) : IRuntimeApi
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset At, string Backend)> _removals = [];

    public int Operations { get; private set; }

    public IReadOnlyList<(DateTimeOffset At, string Backend)> Removals
    {
        get
        {
            lock (_gate)
            {
                return [.. _removals];
            }
        }
    }

    public Task<bool> ExecuteAsync(IReadOnlyList<RuntimeOperation> operations, CancellationToken cancellationToken)
    {
        Operations += operations.Count;
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<string>> RemoveIdleAsync(
        string backend, IReadOnlyCollection<string> draining, bool waitUntilRemovable, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _removals.Add((clock.GetUtcNow(), backend));
        }

        return Task.FromResult<IReadOnlyList<string>>([.. draining]);
    }
}

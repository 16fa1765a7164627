using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Tests.Sync;

/// <summary>A metadata source whose answers and failures the test sets; every call is stamped with the fake clock's time.</summary>
internal sealed class FakeSource(FakeTimeProvider clock) : IMetadataSource
{
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _waits = [];
    private readonly List<DateTimeOffset> _fetches = [];
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _version;

    /// <summary>What a fetch answers; a throwing function makes the fetch fail.</summary>
    public Func<IReadOnlyList<ContainerDto>> Containers { get; set; } = () => [];

    /// <summary>When set, the version read fails with this.</summary>
    public Exception? WaitFailure { get; set; }

    public string Description => "fake";

    public IReadOnlyList<DateTimeOffset> Waits => Locked(() => _waits.ToList());

    public IReadOnlyList<DateTimeOffset> Fetches => Locked(() => _fetches.ToList());

    /// <summary>A new version: the loop's wait returns it.</summary>
    public void Publish()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _published, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async Task<string> WaitForChangeAsync(string? lastVersion, CancellationToken cancellationToken)
    {
        Locked(() => _waits.Add(clock.GetUtcNow()));
        if (WaitFailure is { } failure)
        {
            throw failure;
        }

        while (true)
        {
            var published = Volatile.Read(ref _published).Task;
            var version = Volatile.Read(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (version != lastVersion)
            {
                return version;
            }

            await published.WaitAsync(cancellationToken);
        }
    }

    public Task<MetadataSnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        Locked(() => _fetches.Add(clock.GetUtcNow()));
        return Task.FromResult(new MetadataSnapshot(Containers(), ServiceMetadata.Empty, null));
    }

    public Task<string?> ReadHostAgentIpAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private void Locked(Action write)
    {
        lock (_gate)
        {
            write();
        }
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using RancherHaproxy.Tests.EndToEnd;

namespace RancherHaproxy.Bench;

/// <summary>
/// One daemon on one fake metadata server with a "load" stack, and the changes the figures measure:
/// each change is published, then timed until the route it makes answers.
/// </summary>
internal sealed class Scenario : IAsyncDisposable
{
    private readonly List<BackendListener> _backends = [];
    private readonly List<JsonObject> _containers = [];
    private readonly Dictionary<string, ContainerBuilder> _movable = new(StringComparer.Ordinal);
    private int _changes;
    private JsonObject? _toggled;

    private Scenario(FakeMetadataServer metadata) => Metadata = metadata;

    public FakeMetadataServer Metadata { get; }

    public BenchDaemon Daemon { get; private set; } = null!;

    public Probe Probe { get; private set; } = null!;

    public static async Task<Scenario> StartAsync(string root, IReadOnlyDictionary<string, string> overrides, IEnumerable<JsonObject>? extra = null, bool longPoll = true)
    {
        var scenario = new Scenario(await FakeMetadataServer.StartAsync());
        if (!longPoll)
        {
            scenario.Metadata.Fault = MetadataFault.NoLongPoll;
        }

        scenario._containers.AddRange(extra ?? []);
        for (var index = 1; index <= 2; index++)
        {
            scenario._containers.Add(ContainerBuilder.RoutedTo("load", await scenario.BackendAsync($"load-{index}")).Build());
        }

        scenario.Metadata.Publish(scenario._containers);
        scenario.Daemon = BenchDaemon.Start(root, scenario.Metadata, overrides);
        scenario.Probe = new Probe(scenario.Daemon.HttpPort);
        await scenario.Daemon.WaitForAsync(TimeSpan.FromSeconds(60), 0, "routes applied");
        await scenario.Probe.UntilAsync(Probe.Host("load"), "load-1", Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(60));
        return scenario;
    }

    /// <summary>A new stack with one container: publish → its host answers.</summary>
    public async Task<TimeSpan> AddStackAsync()
    {
        var name = $"new{Interlocked.Increment(ref _changes)}";
        var backend = await BackendAsync(name);
        _containers.Add(ContainerBuilder.RoutedTo(name, backend).Build());
        return await PublishAndWaitAsync(Probe.Host(name), name);
    }

    /// <summary>Many new stacks in one answer, all served by one new listener: publish → the last one's route answers.</summary>
    public async Task<TimeSpan> AddStacksAsync(int count)
    {
        var name = $"burst{Interlocked.Increment(ref _changes)}";
        var backend = await BackendAsync(name);
        for (var index = 0; index < count; index++)
        {
            _containers.Add(ContainerBuilder.RoutedTo($"{name}-{index}", backend).Build());
        }

        return await PublishAndWaitAsync(Probe.Host($"{name}-{count - 1}"), name);
    }

    /// <summary>The single container of stack "move" gets a new address (same uuid): publish → the new address answers.</summary>
    public async Task<TimeSpan> MoveContainerAsync()
    {
        var name = $"move{Interlocked.Increment(ref _changes)}";
        var backend = await BackendAsync(name);
        var container = ContainerBuilder.RoutedTo("move", backend);
        if (_movable.TryGetValue("move", out var previous))
        {
            container.WithUuid(previous.Uuid);
            _containers.RemoveAll(json => json["uuid"]?.GetValue<string>() == previous.Uuid);
        }

        _movable["move"] = container;
        _containers.Add(container.Build());
        return await PublishAndWaitAsync(Probe.Host("move"), name);
    }

    /// <summary>A second container joins stack "move", then leaves again: publish → it answers; publish → it is drained.</summary>
    public async Task<TimeSpan> AddAndRemoveContainerAsync()
    {
        var name = $"extra{Interlocked.Increment(ref _changes)}";
        var extra = ContainerBuilder.RoutedTo("move", await BackendAsync(name)).Build();
        _containers.Add(extra);
        var elapsed = await PublishAndWaitAsync(Probe.Host("move"), name);
        _containers.Remove(extra);
        Metadata.Publish(_containers);
        return elapsed;
    }

    /// <summary>A third container of stack "load" (on an existing listener) joins or leaves: publish → routes applied.</summary>
    public async Task ToggleContainerAsync()
    {
        _toggled ??= ContainerBuilder.RoutedTo("load", _backends[0]).Build();
        if (!_containers.Remove(_toggled))
        {
            _containers.Add(_toggled);
        }

        var from = Daemon.LineCount;
        Metadata.Publish(_containers);
        await Daemon.WaitForAsync(TimeSpan.FromSeconds(30), from, "routes applied");
    }

    /// <summary>These containers join the ones published, in one new answer (no wait).</summary>
    public void AddAndPublish(IEnumerable<JsonObject> containers)
    {
        _containers.AddRange(containers);
        Metadata.Publish(_containers);
    }

    /// <summary>The same containers under a new version: publish → the daemon says routes did not change.</summary>
    public async Task RepublishAsync()
    {
        var from = Daemon.LineCount;
        Metadata.Publish(_containers);
        await Daemon.WaitForAsync(TimeSpan.FromSeconds(30), from, "routes did not");
    }

    public async Task<TimeSpan> PublishAndWaitAsync(string host, string backend)
    {
        // Timed from when the new version is visible: the fake's own preparing of the answers (the
        // real server's reload) is not the daemon's time.
        Metadata.Publish(_containers);
        return await Probe.UntilAsync(host, backend, Metadata.PublishedAt, TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        Probe?.Dispose();
        if (Daemon is not null)
        {
            await Daemon.DisposeAsync();
        }

        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }

        await Metadata.DisposeAsync();
    }

    private async Task<BackendListener> BackendAsync(string name)
    {
        var backend = await BackendListener.StartAsync(name);
        _backends.Add(backend);
        return backend;
    }
}

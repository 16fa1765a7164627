using System.Diagnostics;
using System.Text.Json.Nodes;
using RancherHaproxy.Tests.EndToEnd;

namespace RancherHaproxy.Bench;

/// <summary>
/// What metadata says during the soak: three stable stacks (moving and scaling), the long-connection
/// stack, the review stacks of the churn, and the load balancer's own service with its certificate.
/// Every change goes through <see cref="Publish"/>; backends that metadata stops routing to keep
/// answering for <see cref="SoakSchedule.RetireAfter"/>, as a stopping container does.
/// </summary>
internal sealed partial class SoakWorld : IAsyncDisposable
{
    public const string LongConnectionStack = "ws";
    public static readonly string[] StableStacks = ["stable1", "stable2", "stable3"];

    private readonly object _gate = new();
    private readonly Random _random;
    private readonly List<SoakContainer> _containers = [];
    private readonly Dictionary<string, BackendListener> _listeners = new(StringComparer.Ordinal);
    private readonly List<(long At, BackendListener Backend)> _retiring = [];
    private readonly List<BackendListener> _reviewPool = [];
    private readonly Dictionary<string, (long Ends, long Heals)> _reviewStacks = new(StringComparer.Ordinal);
    private JsonObject _selfService;
    private bool _down;
    private int _reviewCount;

    private SoakWorld(FakeMetadataServer metadata, Random random, JsonObject selfService)
    {
        Metadata = metadata;
        _random = random;
        _selfService = selfService;
    }

    public FakeMetadataServer Metadata { get; private set; }

    public int ReviewStacksCreated => _reviewCount;

    public int Publishes { get; private set; }

    public static async Task<SoakWorld> StartAsync(Random random, UpgradedConnection longConnection)
    {
        var world = new SoakWorld(await FakeMetadataServer.StartAsync(), random, SoakCertificates.Service(0));
        foreach (var stack in StableStacks)
        {
            await world.AddStableAsync(stack);
        }

        for (var index = 0; index < 16; index++)
        {
            world._reviewPool.Add(await BackendListener.StartAsync($"review-pool-{index}"));
        }

        world._containers.Add(new SoakContainer(Guid.NewGuid().ToString(), LongConnectionStack, "web", longConnection.Address, longConnection.Port, null, false, null));
        world.Publish();
        return world;
    }

    /// <summary>The first container of a stable stack: where a direct request goes.</summary>
    public SoakContainer FirstOf(string stack)
    {
        lock (_gate)
        {
            return _containers.First(container => container.Stack == stack);
        }
    }

    /// <summary>Publishes the containers as they are now; while metadata is down, only remembers them.</summary>
    public void Publish()
    {
        lock (_gate)
        {
            if (_down)
            {
                return;
            }

            Metadata.Publish([.. _containers.Select(container => container.Build())], _selfService);
            Publishes++;
        }
    }

    /// <summary>The JSON array of the containers now, for a truncated answer.</summary>
    public string ContainersJson()
    {
        lock (_gate)
        {
            return new JsonArray([.. _containers.Select(container => (JsonNode)container.Build())]).ToJsonString();
        }
    }

    public void RotateCertificate(int generation)
    {
        lock (_gate)
        {
            _selfService = SoakCertificates.Service(generation);
        }

        Publish();
    }

    /// <summary>Metadata down: the fake stops listening; <see cref="UpAsync"/> brings it back on the same port with the same answers.</summary>
    public async Task DownAsync()
    {
        FakeMetadataServer stopped;
        lock (_gate)
        {
            _down = true;
            stopped = Metadata;
        }

        await stopped.DisposeAsync();
    }

    public async Task UpAsync()
    {
        var restarted = await FakeMetadataServer.StartAsync(Metadata.Port);
        lock (_gate)
        {
            Metadata = restarted;
            _down = false;
        }

        Publish();
    }

    /// <summary>Host → sorted endpoints, as the last published answer routes them (hosts with no routable container left out).</summary>
    public SortedDictionary<string, SortedSet<string>> ExpectedRoutes()
    {
        var routes = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var container in _containers.Where(container => container.Routable))
            {
                foreach (var host in container.Hosts)
                {
                    if (!routes.TryGetValue(host, out var endpoints))
                    {
                        routes[host] = endpoints = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    endpoints.Add(container.Endpoint);
                }
            }
        }

        return routes;
    }

    public async ValueTask DisposeAsync()
    {
        await Metadata.DisposeAsync();
        foreach (var backend in _listeners.Values.Concat(_retiring.Select(retiring => retiring.Backend)).Concat(_reviewPool))
        {
            await backend.DisposeAsync();
        }
    }

    private async Task<SoakContainer> AddStableAsync(string stack, string? uuid = null, SoakContainer? replacing = null)
    {
        var backend = await BackendListener.StartAsync($"{stack}-{Guid.NewGuid():N}"[..20]);
        var container = new SoakContainer(uuid ?? Guid.NewGuid().ToString(), stack, "web", backend.Address, backend.Port, null, false, null);
        lock (_gate)
        {
            if (replacing is not null)
            {
                _containers.Remove(replacing);
                Retire(replacing.Address);
            }

            _listeners[backend.Address] = backend;
            _containers.Add(container);
        }

        return container;
    }

    /// <summary>Called with the gate held: the backend at <paramref name="address"/> keeps answering a while, then stops.</summary>
    private void Retire(string address)
    {
        if (_listeners.Remove(address, out var backend))
        {
            _retiring.Add((Stopwatch.GetTimestamp(), backend));
        }
    }
}

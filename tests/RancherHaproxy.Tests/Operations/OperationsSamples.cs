using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Operations;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Tests.Operations;

/// <summary>States and views for the health endpoint's pure parts, on a fake clock.</summary>
internal static class OperationsSamples
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 14, 0, 0, 250, TimeSpan.Zero);

    public static HealthOptions Options(string? exporterSocket = null) =>
        new("0.0.0.0", 1042, TimeSpan.FromSeconds(155), "1.2.3+abc", exporterSocket);

    public static (OperationsState State, FakeTimeProvider Clock) NewState()
    {
        var clock = new FakeTimeProvider(Start);
        return (new OperationsState(clock), clock);
    }

    /// <summary>Two stacks, one of them served from a spare backend, with skipped containers of two reasons.</summary>
    public static RoutingResult TwoStacks()
    {
        var table = new RoutingTable(
        [
            new StackBackend("stack_app", "app", ["app.example.com", "www.example.com"], [new BackendServer("web_1", "u1", "10.0.0.1", 80, null)]),
            new StackBackend("stack_shop", "shop", ["shop.example.com"],
                [new BackendServer("web_2", "u2", "10.0.0.2", 80, null), new BackendServer("web_3", "u3", "10.0.0.3", 80, null)]),
        ]);
        StackStatus[] stacks =
        [
            new("app", [], new ContainerCounts(3, 1, 1, 0, 1, 0, 0), []),
            new("shop", [], new ContainerCounts(3, 2, 0, 0, 0, 0, 1), []),
        ];
        return new RoutingResult(table, [], stacks, new Dictionary<string, string>(StringComparer.Ordinal));
    }

    public static IReadOnlyDictionary<string, string> ShopOnSpare { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["stack_app"] = "stack_app", ["stack_shop"] = "spare_003" };

    /// <summary>A state whose first routes are applied, HAProxy running.</summary>
    public static (OperationsState State, FakeTimeProvider Clock) Applied()
    {
        var (state, clock) = NewState();
        state.WatchHaproxy(() => HaproxyState.Running);
        state.HaproxyVersionKnown("3.2.0");
        clock.Advance(TimeSpan.FromSeconds(2));
        state.Heartbeat.Beat();
        state.Read("v7");
        state.RoutesApplied(TwoStacks(), ShopOnSpare, "v7", reload: false, TimeSpan.FromMilliseconds(12));
        state.Synced(changed: true);
        return (state, clock);
    }
}

using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Routing;
using RancherHaproxy.RuntimeApi;
using RancherHaproxy.Tests.Routing;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.RuntimeApi;

/// <summary>
/// The plan from the backends that changed (what the sync loop runs) against the plan from every
/// backend: along changing random answers built with the memo (unchanged stacks keep their backend
/// objects), through runtime plans, reloads when no plan is possible and drained servers removed,
/// both give the same operations and the same state after them.
/// </summary>
public sealed class RuntimePlannerPropertyTests
{
    [Fact]
    public void Plan_AlongChangingAnswers_GivesWhatAPlanOfEveryBackendGives()
    {
        var options = Containers.Options with { AuthDefault = true, AuthAllowOptOut = true };
        var (planned, reloads, operations) = (0, 0, 0);
        for (var seed = 0; seed < 80; seed++)
        {
            // Arrange
            var random = new Random(seed);
            var generator = new RandomMetadata(seed);
            var memo = new RoutingTableBuilder.Memo();
            var spares = BackendNames.Spares(random.Next(0, 3));
            var current = new List<ContainerDto>();
            var service = generator.Service();
            IReadOnlyDictionary<string, string>? held = null;
            LiveState? live = null;
            for (var step = 0; step < 10; step++)
            {
                current = [.. current.Where(_ => random.Next(5) != 0), .. RoutingMemoTests.Fresh(generator, random)];
                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(current));
                service = step % 4 == 3 ? generator.Service() : service;
                var built = RoutingTableBuilder.Build(current, service, options, held, memo);
                held = built.HostOwners;
                if (live is null)
                {
                    live = LiveState.FromTable(built.Table, spares);
                    continue;
                }

                // Act
                var changes = RuntimePlanner.Plan(live, built.Table);
                var whole = RuntimePlanner.PlanWhole(live, built.Table);

                // Assert
                var because = $"seed {seed}, step {step}";
                (changes is null).Should().Be(whole is null, because);
                if (changes is null)
                {
                    live = LiveState.FromTable(built.Table, spares);
                    reloads++;
                    continue;
                }

                changes.Operations.Should().Equal(whole!.Operations, because);
                State(changes.Result).Should().BeEquivalentTo(State(whole.Result), o => o.WithStrictOrdering(), because);
                changes.Result.PlannedFrom.Should().BeSameAs(built.Table.Backends);
                (planned, operations) = (planned + 1, operations + changes.Operations.Count);
                live = random.Next(3) == 0 ? WithoutSomeDraining(changes.Result, random) : changes.Result;
            }
        }

        planned.Should().BeGreaterThan(500, "most steps must be planned, or the test proves little");
        operations.Should().BeGreaterThan(700);
        reloads.Should().BeGreaterThan(40, "reloads (no spare free) must happen along the way too");
    }

    /// <summary>What housekeeping does: some of the servers that drain are deleted.</summary>
    private static LiveState WithoutSomeDraining(LiveState live, Random random)
    {
        foreach (var (backend, servers) in live.Servers.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList())
        {
            var removed = servers.Where(pair => pair.Value.Draining && random.Next(2) == 0).Select(pair => pair.Key).ToList();
            live = live.WithoutServers(backend, removed);
        }

        return live;
    }

    /// <summary>A state as sorted lists, to compare whole.</summary>
    private static object State(LiveState live) => new
    {
        ServedBy = live.ServedBy.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList(),
        Servers = live.Servers
            .Where(pair => pair.Value.Count > 0)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (pair.Key, pair.Value.OrderBy(server => server.Key, StringComparer.Ordinal).ToList()))
            .ToList(),
        Hosts = live.Hosts.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList(),
        AuthHosts = live.AuthHosts.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList(),
    };
}

using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Routing;

/// <summary>
/// A build that takes what the last one computed (the sync loop's) against a build from nothing:
/// over answers that keep some containers as the same objects (as the reader hands them back), drop
/// some and add hostile new ones, with hosts and auth labels, aliases and held hosts, the results
/// are the same to the last notice.
/// </summary>
public sealed class RoutingMemoTests
{
    private static readonly string[] HostsValues = ["www", "www,api", "api", "shop.example.com", "www,bad host", "a,b,c", ""];
    private static readonly string[] AuthValues = ["on", "off", "maybe"];

    public static TheoryData<string, bool> OptionSets => new()
    {
        { "plain", false }, { "auth", false }, { "index", false },
        { "plain", true }, { "auth", true }, { "index", true },
    };

    /// <param name="uniqueUuids">
    /// Most new containers get a uuid of their own, as in a real environment: then the memo patches
    /// the last build's stacks (<see cref="RoutingTableBuilder.Memo.Patched"/>) instead of grouping
    /// the whole answer again; else uuids repeat all the time and whole builds decide.
    /// </param>
    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Build_WithMemoAcrossChangingAnswers_GivesWhatABuildWithoutGives(string optionSet, bool uniqueUuids)
    {
        var options = optionSet switch
        {
            "auth" => Containers.Options with { AuthDefault = true, ReservedHost = "index.example.com" },
            "index" => Containers.Options with { AuthAllowOptOut = true, IndexLabels = [Containers.ProxyLabel] },
            _ => Containers.Options,
        };
        var taken = (Containers: 0, Stacks: 0);
        var patched = 0;
        for (var seed = 0; seed < 60; seed++)
        {
            // Arrange
            var random = new Random(seed);
            var generator = new RandomMetadata(seed);
            var memo = new RoutingTableBuilder.Memo();
            var current = new List<ContainerDto>();
            var service = generator.Service();
            IReadOnlyDictionary<string, string>? heldWith = null, heldWithout = null;
            for (var step = 0; step < 8; step++)
            {
                var fresh = Fresh(generator, random).Select((container, index) =>
                    uniqueUuids && random.Next(8) != 0 ? container.CopyWithUuid($"c-{seed}-{step}-{index}") : container);
                current = [.. current.Where(_ => random.Next(6) != 0), .. fresh];
                if (current.Count > 0 && random.Next(10) == 0)
                {
                    current.Add(current[random.Next(current.Count)]); // one object twice: the reader does that for bytes listed twice
                }

                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(current));
                service = step % 3 == 2 ? generator.Service() : service;

                // Act
                var with = RoutingTableBuilder.Build(current, service, options, heldWith, memo);
                var without = RoutingTableBuilder.Build(current, service, options, heldWithout);

                // Assert
                with.Should().BeEquivalentTo(without, o => o.WithStrictOrdering(), $"seed {seed}, step {step}");
                (heldWith, heldWithout) = (with.HostOwners, without.HostOwners);
                taken = (taken.Containers + memo.Taken.Containers, taken.Stacks + memo.Taken.Stacks);
            }

            patched += memo.Patched;
        }

        if (uniqueUuids)
        {
            patched.Should().BeGreaterThan(100, "most builds must patch the last one's stacks, or the test proves nothing");
        }

        taken.Containers.Should().BeGreaterThan(1000, "most containers must be taken from the memo, or the test proves nothing");
        taken.Stacks.Should().BeGreaterThan(200);
    }

    [Fact]
    public void Build_ContainerLeftAndCameBackAsANewObject_IsExaminedAgain()
    {
        // Arrange
        var memo = new RoutingTableBuilder.Memo();
        var container = Containers.Routed(ip: "10.0.0.1");
        RoutingTableBuilder.Build([container], ServiceMetadata.Empty, Containers.Options, memo: memo);
        var moved = Containers.Routed(ip: "10.0.0.2");

        // Act
        var result = RoutingTableBuilder.Build([moved], ServiceMetadata.Empty, Containers.Options, memo: memo);

        // Assert
        memo.Taken.Should().Be((0, 0));
        result.Table.Backends.Should().ContainSingle().Which.Servers.Should().ContainSingle().Which.Address.Should().Be("10.0.0.2");
    }

    /// <summary>New containers, some with hosts and auth labels (the planner's property test takes them too).</summary>
    internal static IEnumerable<ContainerDto> Fresh(RandomMetadata generator, Random random) =>
        generator.Containers().Take(random.Next(0, 6)).Select(container =>
        {
            if (container.Labels is null)
            {
                return container;
            }

            var labels = new Dictionary<string, string?>(container.Labels, StringComparer.Ordinal);
            if (random.Next(3) == 0)
            {
                labels[Containers.Options.HostsLabel] = random.GetItems(HostsValues, 1)[0];
            }

            if (random.Next(4) == 0)
            {
                labels[Containers.Options.AuthLabel] = random.GetItems(AuthValues, 1)[0];
            }

            return container.CopyWithLabels(labels);
        });
}

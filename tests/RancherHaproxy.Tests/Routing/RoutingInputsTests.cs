using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Routing;

/// <summary>The fingerprint that lets an answer with nothing new for routing skip the build.</summary>
public sealed class RoutingInputsTests
{
    public static TheoryData<string> Fields => ["uuid", "name", "primary_ip", "state", "health_state", "stack_name", "service_name", "port label", "proxy label"];

    [Fact]
    public void Of_SameContainersInAnotherOrder_IsEqual()
    {
        // Arrange
        var containers = Enumerable.Range(0, 20).Select(index => Containers.Routed(uuid: $"c-{index}", ip: $"10.42.0.{index}")).ToList();
        var shuffled = containers.AsEnumerable().Reverse().ToList();

        // Act / Assert
        Of(shuffled).Should().Be(Of(containers));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Of_OneFieldChanged_Differs(string field)
    {
        // Arrange
        var before = Of([Containers.Routed(uuid: "c-1"), Containers.Routed(uuid: "c-2")]);
        var changed = Containers.Routed(uuid: "c-2");
        _ = field switch
        {
            "uuid" => changed.Uuid = "c-3",
            "name" => changed.Name = "other",
            "primary_ip" => changed.PrimaryIp = "10.42.0.9",
            "state" => changed.State = "stopped",
            "health_state" => changed.HealthState = "unhealthy",
            "stack_name" => changed.StackName = "other",
            "service_name" => changed.ServiceName = "other",
            "port label" => changed.Labels![Containers.PortLabel] = "81",
            _ => changed.Labels![Containers.ProxyLabel] = "send-proxy",
        };

        // Act / Assert
        Of([Containers.Routed(uuid: "c-1"), changed]).Should().NotBe(before);
    }

    [Fact]
    public void Of_OtherLabelChanged_IsEqual()
    {
        // Arrange
        var before = Of([Containers.Routed()]);

        // Act / Assert
        Of([Containers.Routed().WithLabel("io.rancher.service.hash", "other")]).Should().Be(before);
    }

    [Fact]
    public void Of_PortLabelNullEmptyOrMissing_AllDiffer()
    {
        // Arrange
        var missing = Containers.Routed();
        missing.Labels!.Remove(Containers.PortLabel);
        var nullValue = Containers.Routed().WithLabel(Containers.PortLabel, null);
        var empty = Containers.Routed().WithLabel(Containers.PortLabel, string.Empty);

        // Act / Assert
        new[] { Of([missing]), Of([nullValue]), Of([empty]) }.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Of_ProxyLabelNullEmptyOrMissing_AllDiffer()
    {
        // Arrange
        var missing = Containers.Routed();
        var nullValue = Containers.Routed().WithLabel(Containers.ProxyLabel, null);
        var empty = Containers.Routed().WithLabel(Containers.ProxyLabel, string.Empty);

        // Act / Assert
        new[] { Of([missing]), Of([nullValue]), Of([empty]) }.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Of_ContainerWithoutPortLabelChanged_IsEqual()
    {
        // Arrange
        var unrouted = Containers.Routed(uuid: "c-2");
        unrouted.Labels!.Remove(Containers.PortLabel);
        var before = Of([Containers.Routed(), unrouted]);
        unrouted.State = "stopped";
        unrouted.PrimaryIp = "10.42.0.99";
        var noLabels = Containers.Routed(uuid: "c-3");
        noLabels.Labels = null;

        // Act / Assert
        Of([Containers.Routed(), unrouted, noLabels]).Should().Be(before, "routing skips a container without RANCHER_LABEL before reading it");
    }

    [Fact]
    public void Of_FieldBoundariesMoved_Differs()
    {
        // Arrange
        var left = Containers.Routed();
        (left.Name, left.PrimaryIp) = ("ab", "c");
        var right = Containers.Routed();
        (right.Name, right.PrimaryIp) = ("a", "bc");

        // Act / Assert
        Of([left]).Should().NotBe(Of([right]));
    }

    [Fact]
    public void Of_ContainerListedTwice_Differs()
    {
        // Arrange
        var once = Of([Containers.Routed(uuid: "c-1"), Containers.Routed(uuid: "c-2")]);

        // Act / Assert
        Of([Containers.Routed(uuid: "c-1"), Containers.Routed(uuid: "c-2"), Containers.Routed(uuid: "c-2")]).Should().NotBe(once);
        Of([Containers.Routed(uuid: "c-1"), Containers.Routed(uuid: "c-1")]).Should().NotBe(Of([Containers.Routed(uuid: "c-2"), Containers.Routed(uuid: "c-2")]));
    }

    [Fact]
    public void Of_ServiceMetadataOrAgentIpChanged_Differs()
    {
        // Arrange
        var containers = new List<ContainerDto> { Containers.Routed() };
        var aliases = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["shop"] = ["www"] };
        var service = new ServiceMetadata(aliases, null, null, []);
        var before = RoutingInputs.Of(new MetadataSnapshot(containers, service, null), Containers.Options);
        var otherAliases = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["shop"] = ["www", "api"] };

        // Act
        var changed = new[]
        {
            RoutingInputs.Of(new MetadataSnapshot(containers, service with { Aliases = otherAliases }, null), Containers.Options),
            RoutingInputs.Of(new MetadataSnapshot(containers, service with { SslCertificate = "cert" }, null), Containers.Options),
            RoutingInputs.Of(new MetadataSnapshot(containers, service with { SslKey = "key" }, null), Containers.Options),
            RoutingInputs.Of(new MetadataSnapshot(containers, service with { Problems = ["bad"] }, null), Containers.Options),
            RoutingInputs.Of(new MetadataSnapshot(containers, service, "10.0.0.1"), Containers.Options),
        };

        // Assert
        changed.Should().NotContain(before).And.OnlyHaveUniqueItems();
        RoutingInputs.Of(new MetadataSnapshot(containers, service, null), Containers.Options).Should().Be(before);
    }

    [Fact]
    public void Of_EmptyAnswer_DiffersFromOneContainer()
    {
        // Act / Assert
        Of([]).Should().NotBe(Of([Containers.Routed()]));
    }

    [Fact]
    public void Of_WithMemoAcrossChangingAnswers_IsWhatItIsWithout()
    {
        var taken = 0;
        for (var seed = 0; seed < 100; seed++)
        {
            // Arrange: answers that keep some containers as the same objects, drop some, add new ones.
            var random = new Random(seed);
            var generator = new RandomMetadata(seed);
            var memo = new RoutingInputs.Memo();
            var current = new List<ContainerDto>();
            for (var step = 0; step < 6; step++)
            {
                current = [.. current.Where(_ => random.Next(5) != 0), .. generator.Containers().Take(random.Next(0, 8))];
                var snapshot = new MetadataSnapshot(current, ServiceMetadata.Empty, null);

                // Act / Assert
                RoutingInputs.Of(snapshot, Containers.Options, memo).Should().Be(RoutingInputs.Of(snapshot, Containers.Options), $"seed {seed}, step {step}");
                taken += memo.Taken;
            }
        }

        taken.Should().BeGreaterThan(1000, "most containers must be taken from the memo, or the test proves nothing");
    }

    [Fact]
    public void Of_ContainerThatLeft_IsForgotten()
    {
        // Arrange: b leaves, then comes back as the same object.
        var memo = new RoutingInputs.Memo();
        var (a, b) = (Containers.Routed(uuid: "c-1"), Containers.Routed(uuid: "c-2"));
        RoutingInputs.Of(new MetadataSnapshot([a, b], ServiceMetadata.Empty, null), Containers.Options, memo);
        RoutingInputs.Of(new MetadataSnapshot([a], ServiceMetadata.Empty, null), Containers.Options, memo);

        // Act
        var back = RoutingInputs.Of(new MetadataSnapshot([a, b], ServiceMetadata.Empty, null), Containers.Options, memo);

        // Assert: only a was remembered (the memo holds no container that left).
        memo.Taken.Should().Be(1);
        back.Should().Be(RoutingInputs.Of(new MetadataSnapshot([a, b], ServiceMetadata.Empty, null), Containers.Options));
    }

    [Fact]
    public void Of_SameContentInANewObject_IsHashedAgain()
    {
        // Arrange
        var memo = new RoutingInputs.Memo();
        RoutingInputs.Of(new MetadataSnapshot([Containers.Routed()], ServiceMetadata.Empty, null), Containers.Options, memo);

        // Act
        RoutingInputs.Of(new MetadataSnapshot([Containers.Routed(ip: "10.42.0.9")], ServiceMetadata.Empty, null), Containers.Options, memo);

        // Assert
        memo.Taken.Should().Be(0);
    }

    private static RoutingInputs Of(List<ContainerDto> containers) =>
        RoutingInputs.Of(new MetadataSnapshot(containers, ServiceMetadata.Empty, null), Containers.Options);
}

using RancherHaproxy.Auth;
using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Routing;

/// <summary>The `.auth` label and the metadata users are routing inputs: a change of either is built.</summary>
public sealed class RoutingInputsAuthTests
{
    [Fact]
    public void Of_AuthLabelChanged_Differs()
    {
        // Arrange
        var before = Of(ServiceMetadata.Empty, Containers.Routed(uuid: "c-1"));

        // Act / Assert
        Of(ServiceMetadata.Empty, Containers.Routed(uuid: "c-1").WithLabel(Containers.PortLabel + ".auth", "on")).Should().NotBe(before);
    }

    [Fact]
    public void Of_MetadataUsersChangedOrRefused_Differs()
    {
        // Arrange
        var alice = ServiceMetadata.Empty with { AuthUsers = [new AuthUser("alice", TestHashes.Bcrypt)] };
        var aliceOtherHash = ServiceMetadata.Empty with { AuthUsers = [new AuthUser("alice", TestHashes.Sha512)] };
        var refused = ServiceMetadata.Empty with { AuthUsers = null };

        // Act
        var inputs = new[] { Of(ServiceMetadata.Empty), Of(alice), Of(aliceOtherHash), Of(refused) };

        // Assert
        inputs.Should().OnlyHaveUniqueItems();
    }

    private static RoutingInputs Of(ServiceMetadata service, params ContainerDto[] containers) =>
        RoutingInputs.Of(new MetadataSnapshot(containers, service, null), Containers.Options);
}

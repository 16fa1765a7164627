using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Routing;
using RancherHaproxy.Sync;

namespace RancherHaproxy.Tests.Sync;

/// <summary>An answer with its table built does not hold its containers through the rest of the cycle (issue 15).</summary>
public sealed class ReadingTests
{
    private static readonly MetadataSnapshot Snapshot = new([new ContainerDto { Uuid = "c-1" }, new ContainerDto { Uuid = "c-2" }], ServiceMetadata.Empty, "10.0.0.1");

    [Fact]
    public void WithTable_Built_LetsTheContainersGoAndKeepsTheirCount()
    {
        // Act
        var reading = Reading.WithTable(Snapshot, default, new RoutingResult(RoutingTable.Empty, []), TimeSpan.Zero, 0);

        // Assert
        (reading.Snapshot.Containers.Count, reading.ContainerCount, reading.Snapshot.Service, reading.Snapshot.HostAgentIp)
            .Should().Be((0, 2, ServiceMetadata.Empty, "10.0.0.1"));
    }

    [Fact]
    public void Unbuilt_NoTable_KeepsTheContainersForALaterBuild()
    {
        // Act
        var reading = Reading.Unbuilt(Snapshot, default, TimeSpan.Zero, 0);

        // Assert
        (reading.Snapshot.Containers.Count, reading.ContainerCount, reading.Built).Should().Be((2, 2, (RoutingResult?)null));
    }
}

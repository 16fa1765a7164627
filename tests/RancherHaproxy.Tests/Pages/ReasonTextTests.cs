using RancherHaproxy.Pages;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Tests.Pages;

public sealed class ReasonTextTests
{
    [Fact]
    public void Reasons_EveryReason_InTheSpecOrder()
    {
        // Act / Assert
        ReasonText.Reasons(new ContainerCounts(15, 0, 1, 2, 3, 4, 5))
            .Should().Be("1 starting, 2 stopped, 3 unhealthy, 4 no IP, 5 bad label");
    }

    [Fact]
    public void Reasons_OnlyNonZero()
    {
        // Act / Assert
        ReasonText.Reasons(new ContainerCounts(3, 0, 2, 0, 1, 0, 0)).Should().Be("2 starting, 1 unhealthy");
        ReasonText.Reasons(new ContainerCounts(2, 2, 0, 0, 0, 0, 0)).Should().BeEmpty();
    }

    [Fact]
    public void NotReady_OneContainer_IsSingular()
    {
        // Act / Assert
        ReasonText.NotReady(new HostAnswer("app", new ContainerCounts(1, 0, 0, 0, 0, 1, 0)))
            .Should().Be("Stack app is not ready: 0 of 1 container routable (1 no IP).");
        ReasonText.NotReady(new HostAnswer("app", new ContainerCounts(2, 0, 0, 0, 0, 0, 2)))
            .Should().Be("Stack app is not ready: 0 of 2 containers routable (2 bad label).");
    }

    [Fact]
    public void UnknownHost_NoName_SaysThisHost()
    {
        // Act / Assert
        ReasonText.UnknownHost(null).Should().Be("No stack answers to this host.");
        ReasonText.UnknownHost("a.example.com").Should().Be("No stack answers to a.example.com.");
    }
}

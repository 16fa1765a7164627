using RancherHaproxy.Routing;

namespace RancherHaproxy.Tests.Routing;

/// <summary>The build's host owners read as host → stack, without a copy.</summary>
public sealed class HeldHostsTests
{
    [Fact]
    public void HeldHosts_ReadsEachOwnersStack()
    {
        // Arrange
        var owners = new Dictionary<string, HostClaim>(StringComparer.Ordinal)
        {
            ["a.example.com"] = new("a.example.com", "alpha", HostRank.Own),
            ["www.example.com"] = new("www.example.com", "beta", HostRank.Alias),
        };

        // Act
        var held = new HeldHosts(owners);

        // Assert
        held.Should().BeEquivalentTo(new Dictionary<string, string> { ["a.example.com"] = "alpha", ["www.example.com"] = "beta" });
        held["www.example.com"].Should().Be("beta");
        held.TryGetValue("b.example.com", out var missing).Should().BeFalse();
        missing.Should().BeNull();
        held.GetValueOrDefault("a.example.com").Should().Be("alpha");
        held.Keys.Should().BeEquivalentTo(["a.example.com", "www.example.com"]);
        held.Values.Should().BeEquivalentTo(["alpha", "beta"]);
        held.Count.Should().Be(2);
    }
}

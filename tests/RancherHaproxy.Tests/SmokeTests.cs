namespace RancherHaproxy.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void True_IsTrue() => true.Should().BeTrue();
}

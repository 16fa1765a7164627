using RancherHaproxy.Operations;

namespace RancherHaproxy.Tests.Operations;

public sealed class HaproxyBuildTests
{
    [Theory]
    [InlineData("HAProxy version 2.6.12-1+deb12u4 2026/10/17 - https://haproxy.org/\nFeature list : +EPOLL\nBuilt with the Prometheus exporter as a service\n  PROMEX\n", "2.6.12-1+deb12u4", true)]
    [InlineData("HAProxy version 3.4.0-64a335366 2026/06/03 - https://haproxy.org/\nAvailable services : none\n", "3.4.0-64a335366", false)]
    [InlineData("HA-Proxy version 1.8.0 2017/11/26\n", "1.8.0", false)]
    [InlineData("garbage", null, false)]
    public void Parse_VersionAndExporter(string output, string? version, bool exporter)
    {
        // Act / Assert
        HaproxyBuild.Parse(output).Should().Be(new HaproxyBuild(version, exporter));
    }
}

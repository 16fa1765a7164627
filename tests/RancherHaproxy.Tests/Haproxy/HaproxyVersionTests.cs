using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.Haproxy;

public sealed class HaproxyVersionTests
{
    [Theory]
    [InlineData("2.6.12-1+deb12u4", 2, 6)]
    [InlineData("3.2.0-e134140d2", 3, 2)]
    [InlineData("3.4.0-64a335366", 3, 4)]
    [InlineData("3.10-dev3", 3, 10)]
    public void TryParse_VersionAsTheMasterReportsIt_MajorAndMinor(string text, int major, int minor) =>
        HaproxyVersion.TryParse(text).Should().Be(new HaproxyVersion(major, minor));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("x.y")]
    [InlineData("3.-1")]
    public void TryParse_NoVersion_Null(string? text) => HaproxyVersion.TryParse(text).Should().BeNull();

    [Theory]
    [InlineData(2, 6, false)]
    [InlineData(2, 9, false)]
    [InlineData(3, 0, true)]
    [InlineData(3, 4, true)]
    public void CanWaitUntilServerRemovable_ByVersion_From30(int major, int minor, bool expected) =>
        new HaproxyVersion(major, minor).CanWaitUntilServerRemovable.Should().Be(expected);
}

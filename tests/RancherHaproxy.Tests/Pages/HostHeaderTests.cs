using RancherHaproxy.Pages;

namespace RancherHaproxy.Tests.Pages;

public sealed class HostHeaderTests
{
    [Theory]
    [InlineData("App-R123.Example.COM:8080", "app-r123.example.com")]
    [InlineData("app-r123.example.com", "app-r123.example.com")]
    [InlineData("localhost", "localhost")]
    [InlineData("10.0.0.1:80", "10.0.0.1")]
    [InlineData("a-1.b2", "a-1.b2")]
    public void Normalise_DnsName_IsLowerCaseWithoutPort(string value, string expected)
    {
        // Act / Assert
        HostHeader.Normalise(value).Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[::1]:80")]
    [InlineData("[::1]")]
    [InlineData("::1")]
    [InlineData("<script>")]
    [InlineData("web.example.com:")]
    [InlineData("web.example.com:http")]
    [InlineData("web.example.com:123456")]
    [InlineData("web..example.com")]
    [InlineData(".example.com")]
    [InlineData("example.com.")]
    [InlineData("-web.example.com")]
    [InlineData("web-.example.com")]
    [InlineData("web_1.example.com")]
    [InlineData("wéb.example.com")]
    [InlineData("web example.com")]
    [InlineData("user@web.example.com")]
    public void Normalise_NotADnsName_IsNull(string? value)
    {
        // Act / Assert
        HostHeader.Normalise(value).Should().BeNull();
    }

    [Fact]
    public void Normalise_LabelAndNameLengths_AreBoundedBy63And253()
    {
        // Arrange
        var label63 = new string('a', 63);
        var name253 = string.Join('.', label63, label63, label63, new string('b', 61));

        // Act / Assert
        HostHeader.Normalise(label63 + ".example.com").Should().Be(label63 + ".example.com");
        HostHeader.Normalise(new string('a', 64) + ".example.com").Should().BeNull();
        name253.Length.Should().Be(253);
        HostHeader.Normalise(name253 + ":80").Should().Be(name253);
        HostHeader.Normalise(name253 + "b").Should().BeNull();
    }
}

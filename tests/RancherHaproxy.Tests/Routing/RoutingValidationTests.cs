using RancherHaproxy.Routing;

namespace RancherHaproxy.Tests.Routing;

public sealed class RoutingValidationTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("80", 80)]
    [InlineData("8080", 8080)]
    [InlineData("65535", 65535)]
    [InlineData("080", 80)]
    public void TryParsePort_Port_ReturnsIt(string value, int expected)
    {
        // Act
        var parsed = RoutingValidation.TryParsePort(value, out var port);

        // Assert
        parsed.Should().BeTrue();
        port.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("99999")]
    [InlineData("000080")]
    [InlineData("80a")]
    [InlineData(" 80")]
    [InlineData("80 ")]
    [InlineData("80\n")]
    [InlineData("+80")]
    [InlineData("-80")]
    [InlineData("8_0")]
    [InlineData("٨٠")]
    [InlineData("80 backup")]
    public void TryParsePort_NotAPort_ReturnsFalse(string? value)
    {
        // Act / Assert
        RoutingValidation.TryParsePort(value, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("192.168.255.254", "192.168.255.254")]
    [InlineData("fd00::1", "[fd00::1]")]
    [InlineData("FD00:0:0:0:0:0:0:1", "[fd00::1]")]
    [InlineData("::ffff:10.0.0.1", "[::ffff:10.0.0.1]")]
    public void TryFormatAddress_IpAddress_ReturnsCanonicalForm(string value, string expected)
    {
        // Act
        var parsed = RoutingValidation.TryFormatAddress(value, out var address);

        // Assert
        parsed.Should().BeTrue();
        address.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("10.1")]
    [InlineData("10.0.0")]
    [InlineData("010.0.0.1")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("999.1.1.1")]
    [InlineData("10.0.0.1 backup")]
    [InlineData("10.0.0.1\n")]
    [InlineData(" 10.0.0.1")]
    [InlineData("10.0.0.1:80")]
    [InlineData("fe80::1%eth0")]
    [InlineData("fe80::1%2")]
    [InlineData("::1 backup")]
    [InlineData("web.internal")]
    [InlineData("%[req.hdr(host)]")]
    public void TryFormatAddress_NotAnAddress_ReturnsFalse(string? value)
    {
        // Act / Assert
        RoutingValidation.TryFormatAddress(value, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("shop", true)]
    [InlineData("Shop-2", true)]
    [InlineData("a", true)]
    [InlineData("0", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("-x", false)]
    [InlineData("x-", false)]
    [InlineData("x\n", false)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    [InlineData("%[", false)]
    [InlineData("#x", false)]
    [InlineData("é", false)]
    public void IsDnsLabel_Value_ReturnsExpected(string? value, bool expected)
    {
        // Act / Assert
        RoutingValidation.IsDnsLabel(value).Should().Be(expected);
    }

    [Fact]
    public void IsDnsLabel_Length_AllowsAtMost63Characters()
    {
        // Act / Assert
        RoutingValidation.IsDnsLabel(new string('a', 63)).Should().BeTrue();
        RoutingValidation.IsDnsLabel(new string('a', 64)).Should().BeFalse();
    }

    [Theory]
    [InlineData("www", true)]
    [InlineData("api.v2", true)]
    [InlineData("Store.Example", true)]
    [InlineData("", false)]
    [InlineData(".www", false)]
    [InlineData("www.", false)]
    [InlineData("a..b", false)]
    [InlineData("*.shop", false)]
    [InlineData("www shop", false)]
    [InlineData("www\nshop", false)]
    public void IsDnsName_Value_ReturnsExpected(string value, bool expected)
    {
        // Act / Assert
        RoutingValidation.IsDnsName(value).Should().Be(expected);
    }

    [Theory]
    [InlineData("c0915a3b-4b0e-4c1f-9a8e-2f2d1c3b4a5e", true)]
    [InlineData("1i42", true)]
    [InlineData("a_b.c-d", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("-leading", false)]
    [InlineData("a b", false)]
    [InlineData("x\n", false)]
    [InlineData("x#y", false)]
    [InlineData("x%[y]", false)]
    [InlineData("x\"y", false)]
    [InlineData("x\\y", false)]
    [InlineData("x:y", false)]
    public void IsUuid_Value_ReturnsExpected(string? value, bool expected)
    {
        // Act / Assert
        RoutingValidation.IsUuid(value).Should().Be(expected);
    }

    [Fact]
    public void IsUuid_Length_AllowsAtMost128Characters()
    {
        // Act / Assert
        RoutingValidation.IsUuid(new string('a', 128)).Should().BeTrue();
        RoutingValidation.IsUuid(new string('a', 129)).Should().BeFalse();
    }

    [Theory]
    [InlineData("web", "web")]
    [InlineData("Web-1.v2", "Web-1.v2")]
    [InlineData("my web", "my-web")]
    [InlineData("my_web", "my-web")]
    [InlineData("a\nb#c%[d\"e\\f", "a-b-c--d-e-f")]
    [InlineData("", "-")]
    [InlineData("ünï", "-n-")]
    public void SanitiseName_Value_KeepsOnlySafeCharactersAndNoUnderscore(string value, string expected)
    {
        // Act / Assert
        RoutingValidation.SanitiseName(value).Should().Be(expected);
    }

    [Theory]
    [InlineData("app-r123.example.com", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("a..b", false)]
    [InlineData("-a.example.com", false)]
    [InlineData("a_b.example.com", false)]
    public void IsHostName_DnsLabelsSeparatedByDots(string value, bool expected) =>
        RoutingValidation.IsHostName(value).Should().Be(expected);

    [Fact]
    public void IsHostName_At253Characters_AcceptedOneMoreRefused()
    {
        // Arrange: four labels of 63 with three dots make 255; trim to 253 and 254.
        var name = string.Join('.', Enumerable.Repeat(new string('a', 63), 4));

        // Act / Assert
        RoutingValidation.IsHostName(name[..253]).Should().BeTrue();
        RoutingValidation.IsHostName(name[..254]).Should().BeFalse();
    }
}

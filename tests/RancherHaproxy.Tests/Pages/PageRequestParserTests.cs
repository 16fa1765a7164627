using System.Text;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Tests.Pages;

public sealed class PageRequestParserTests
{
    [Fact]
    public void Parse_HaproxyRequest_ReadsMethodPathAndHeadersCaseInsensitively()
    {
        // Act
        var request = Parse("GET /stacks.json?x=1 HTTP/1.1\r\nhost: Index.Example.com\r\nACCEPT: text/html\r\nx-rancher-haproxy-page:  index \r\nX-Other: 1\r\n\r\n");

        // Assert
        request.Should().Be(new PageRequest("GET", "/stacks.json", "Index.Example.com", "text/html", "index"));
    }

    [Theory]
    [InlineData("GET http://a.example.com/x?y HTTP/1.1", "/x")]
    [InlineData("OPTIONS * HTTP/1.1", "*")]
    [InlineData("POST /a#b HTTP/1.0", "/a")]
    public void Parse_OtherTargetForms_GiveThePath(string requestLine, string path)
    {
        // Act / Assert
        Parse(requestLine + "\r\n\r\n")!.Path.Should().Be(path);
    }

    [Fact]
    public void Parse_NoHost_IsARequestWithoutHost()
    {
        // Act / Assert
        Parse("GET / HTTP/1.0\r\n\r\n").Should().Be(new PageRequest("GET", "/", null, null, null));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")]
    [InlineData("GET /\r\n\r\n")]
    [InlineData("GET / HTTP/2.0\r\n\r\n")]
    [InlineData("GET  / HTTP/1.1\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\n\r\n")]
    [InlineData("GET a HTTP/1.1\r\n\r\n")]
    [InlineData("GET javascript:x HTTP/1.1\r\n\r\n")]
    [InlineData("GET /\u0001 HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nNo colon\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost : a\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nA: b\nHost: evil\r\n\r\n")]
    [InlineData("\r\n\r\n")]
    public void Parse_Malformed_IsNull(string head)
    {
        // Act / Assert
        Parse(head).Should().BeNull();
    }

    private static PageRequest? Parse(string head) => PageRequestParser.Parse(Encoding.Latin1.GetBytes(head));
}

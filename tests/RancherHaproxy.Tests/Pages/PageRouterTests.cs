using System.Text;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Tests.Pages;

public sealed class PageRouterTests
{
    [Theory]
    [InlineData("GET", "/", 200, "text/html; charset=utf-8")]
    [InlineData("HEAD", "/", 200, "text/html; charset=utf-8")]
    [InlineData("GET", "/stacks.json", 200, "application/json; charset=utf-8")]
    [InlineData("GET", "/other", 404, "text/plain; charset=utf-8")]
    [InlineData("POST", "/", 405, "text/plain; charset=utf-8")]
    [InlineData("DELETE", "/stacks.json", 405, "text/plain; charset=utf-8")]
    public void Route_IndexPage_ServesIndexRoutes(string method, string path, int status, string contentType)
    {
        // Act
        var response = PageRouter.Route(new PageRequest(method, path, "index.example.com", null, "index"), PageSamples.TwoStacks, PageSamples.Options);

        // Assert
        response.Status.Should().Be(status);
        response.ContentType.Should().Be(contentType);
    }

    [Fact]
    public void Route_IndexWrongMethod_AllowsGetAndHead()
    {
        // Act
        var response = PageRouter.Route(new PageRequest("PUT", "/", null, null, "INDEX"), PageSamples.TwoStacks, PageSamples.Options);

        // Assert
        response.Headers.Should().Contain(new KeyValuePair<string, string>("Allow", "GET, HEAD"));
        Encoding.UTF8.GetString(response.Body).Should().Be("Method not allowed\n");
    }

    [Theory]
    [InlineData("GET", "/", null)]
    [InlineData("POST", "/stacks.json", null)]
    [InlineData("GET", "/", "")]
    [InlineData("GET", "/", "answer")]
    [InlineData("GET", "/", "index2")]
    public void Route_NotIndex_IsTheAnswerWhateverMethodAndPath(string method, string path, string? page)
    {
        // Act
        var response = PageRouter.Route(new PageRequest(method, path, "web.example.com", "text/plain", page), PageSamples.TwoStacks, PageSamples.Options);

        // Assert
        response.Status.Should().Be(503);
        Encoding.UTF8.GetString(response.Body).Should().StartWith("Stack web is not ready");
    }
}

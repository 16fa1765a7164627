using System.Text;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Tests.Pages;

public sealed class PageServerTests
{
    [Fact(Timeout = 10000)]
    public async Task Answer_UnknownHost_IsTheTextAnswerThenClose()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();

        // Act
        var response = await harness.SendAsync(RawHttp.Get("/some/path?q=1", "Nobody.Example.com:80"));

        // Assert
        response.Status.Should().Be(404);
        response.Body.Should().Be("No stack answers to nobody.example.com.\n");
        response.Headers["Content-Type"].Should().Be("text/plain; charset=utf-8");
        response.Headers["Content-Length"].Should().Be(Encoding.UTF8.GetByteCount(response.Body).ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers["Connection"].Should().Be("close");
        response.Headers["Cache-Control"].Should().Be("no-store");
        response.Headers.Should().ContainKey("Date").And.NotContainKey("Retry-After");
    }

    [Fact(Timeout = 10000)]
    public async Task Answer_NotReadyHostWantingHtml_Is503HtmlWithRetryAfter()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();

        // Act
        var response = await harness.SendAsync(RawHttp.Get("/", "web.example.com:8080", accept: "text/html,*/*;q=0.8"));

        // Assert
        response.Status.Should().Be(503);
        response.Headers["Retry-After"].Should().Be("5");
        response.Headers["Content-Type"].Should().Be("text/html; charset=utf-8");
        response.Headers["Content-Security-Policy"].Should().StartWith("default-src 'none'");
        response.Body.Should().Contain("<p>Stack web is not ready: 0 of 3 containers routable (2 starting, 1 unhealthy).</p>");
    }

    [Fact(Timeout = 10000)]
    public async Task Answer_PostWithBody_IsAnsweredAndTheBodyDrained()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();

        var body = new string('x', 40 * 1024);

        // Act: more body than one read of the head takes; unread, it would reset the connection at close.
        var response = await harness.SendAsync($"POST /form HTTP/1.1\r\nHost: web.example.com\r\nContent-Length: {body.Length}\r\n\r\n{body}");

        // Assert
        response.Status.Should().Be(503);
        response.Body.Should().StartWith("Stack web is not ready");
    }

    [Fact(Timeout = 10000)]
    public async Task Index_Root_IsTheIndexPage()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();

        // Act
        var response = await harness.SendAsync(RawHttp.Get("/", "index.example.com", page: "index"));

        // Assert
        response.Status.Should().Be(200);
        response.Headers["Content-Type"].Should().Be("text/html; charset=utf-8");
        response.Headers["Cache-Control"].Should().Be("no-store");
        response.Body.Should().Be(Encoding.UTF8.GetString(IndexPage.Render(PageSamples.TwoStacks).Body));
    }

    [Fact(Timeout = 10000)]
    public async Task Index_StacksJson_IsTheDocument()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();

        // Act
        var response = await harness.SendAsync(RawHttp.Get("/stacks.json?pretty", "index.example.com", page: "index"));

        // Assert
        response.Status.Should().Be(200);
        response.Headers["Content-Type"].Should().Be("application/json; charset=utf-8");
        response.Body.Should().Be(Encoding.UTF8.GetString(StacksJson.Write(PageSamples.TwoStacks)));
    }

    [Fact(Timeout = 10000)]
    public async Task Index_Head_HasTheGetHeadersAndNoBody()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();

        // Act
        var get = await harness.SendAsync(RawHttp.Get("/stacks.json", "index.example.com", page: "index"));
        var head = await harness.SendAsync(RawHttp.Get("/stacks.json", "index.example.com", page: "index", method: "HEAD"));

        // Assert
        head.Status.Should().Be(200);
        head.Body.Should().BeEmpty();
        head.Headers["Content-Length"].Should().Be(get.Headers["Content-Length"]).And.NotBe("0");
        head.Headers["Content-Type"].Should().Be(get.Headers["Content-Type"]);
    }

    [Fact(Timeout = 10000)]
    public async Task Index_OtherPathAndOtherMethod_Are404And405()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();

        // Act
        var notFound = await harness.SendAsync(RawHttp.Get("/admin", "index.example.com", page: "index"));
        var notAllowed = await harness.SendAsync(RawHttp.Get("/", "index.example.com", page: "index", method: "POST"));

        // Assert
        notFound.Status.Should().Be(404);
        notFound.Body.Should().Be("Not found\n");
        notAllowed.Status.Should().Be(405);
        notAllowed.Headers["Allow"].Should().Be("GET, HEAD");
    }

    [Fact(Timeout = 10000)]
    public async Task Request_HeadOver16KiB_Is431AndClosed()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();
        var request = "GET / HTTP/1.1\r\nHost: web.example.com\r\nX-Big: " + new string('a', 17 * 1024) + "\r\n\r\n";

        // Act
        var response = await harness.SendAsync(request);

        // Assert
        response.Status.Should().Be(431);
    }

    [Fact(Timeout = 10000)]
    public async Task Request_BadRequestLine_Is400()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();

        // Act
        var response = await harness.SendAsync("HELLO\r\n\r\n");

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().Be("Bad request\n");
    }

    [Fact(Timeout = 10000)]
    public async Task Request_ClientClosesWithoutSending_IsLoggedAndTheServerGoesOn()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();

        // Act
        using (RawHttp.Connect(harness.SocketPath))
        {
        }

        await harness.UntilLoggedAsync("page connection closed before a whole request head");
        var response = await harness.SendAsync(RawHttp.Get("/", "web.example.com"));

        // Assert
        response.Status.Should().Be(503);
    }

    [Fact(Timeout = 20000)]
    public async Task Request_FiftyAtOnce_AreAllAnswered()
    {
        // Arrange
        await using var harness = PageServerHarness.Start();

        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(index =>
            Task.Run(() => harness.SendAsync(RawHttp.Get("/", $"host-{index}.example.com")))));

        // Assert
        responses.Select(response => response.Body).Should().OnlyHaveUniqueItems()
            .And.AllSatisfy(body => body.Should().MatchRegex("^No stack answers to host-[0-9]+\\.example\\.com\\.\n$"));
    }

    [Fact(Timeout = 10000)]
    public async Task Request_ModelSwappedBetweenRequests_SecondSeesTheNewModel()
    {
        // Arrange
        await using var harness = PageServerHarness.Start(PageSamples.Loading);
        var before = await harness.SendAsync(RawHttp.Get("/", "web.example.com"));

        // Act
        harness.Model = PageSamples.TwoStacks;
        var after = await harness.SendAsync(RawHttp.Get("/", "web.example.com"));

        // Assert
        before.Status.Should().Be(503);
        before.Headers["Retry-After"].Should().Be("2");
        before.Body.Should().StartWith("Routes are loading");
        after.Body.Should().StartWith("Stack web is not ready");
    }
}

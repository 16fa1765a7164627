using System.Text;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Tests.Pages;

public sealed class AnswerPageTests
{
    public static TheoryData<string, bool> Goldens => new()
    {
        { "loading", false }, { "loading", true },
        { "unknown-host", false }, { "unknown-host", true },
        { "not-ready", false }, { "not-ready", true },
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Render_Situation_MatchesGoldenBody(string situation, bool html)
    {
        // Arrange
        var (model, host) = situation switch
        {
            "loading" => (PageSamples.Loading, "web.example.com"),
            "unknown-host" => (PageSamples.TwoStacks, "Nobody.Example.com:8443"),
            _ => (PageSamples.TwoStacks, "Web.Example.COM:8080"),
        };

        // Act
        var response = AnswerPage.Render(model, PageSamples.Options, host, html);

        // Assert
        response.ContentType.Should().Be(html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
        PageGolden.ShouldMatch(response.Body, $"answer-{situation}.{(html ? "html" : "txt")}");
    }

    [Fact]
    public void Render_NotLoaded_IsLoadingWhateverTheHost()
    {
        // Act
        var response = AnswerPage.Render(PageSamples.Loading with { NotReadyHosts = PageSamples.TwoStacks.NotReadyHosts }, PageSamples.Options, "web.example.com", html: false);

        // Assert
        response.Status.Should().Be(503);
        Body(response).Should().Be("Routes are loading: this proxy has not read the Rancher metadata yet. Try again in a few seconds.\n");
        PageSamples.HeaderLines(response).Should().Equal("Retry-After: 2", "Cache-Control: no-store");
    }

    [Fact]
    public void Render_KnownHostNotRoutable_Is503WithReasonsAndRetryAfter5()
    {
        // Act
        var response = AnswerPage.Render(PageSamples.TwoStacks, PageSamples.Options, "API-Web.Example.COM:8080", html: false);

        // Assert
        response.Status.Should().Be(503);
        Body(response).Should().Be("Stack web is not ready: 0 of 3 containers routable (2 starting, 1 unhealthy).\n");
        PageSamples.HeaderLines(response).Should().Equal("Retry-After: 5", "Cache-Control: no-store");
    }

    [Theory]
    [InlineData(404)]
    [InlineData(503)]
    public void Render_UnknownHost_UsesUnknownHostStatusAndNoRetryAfter(int status)
    {
        // Act
        var response = AnswerPage.Render(PageSamples.TwoStacks, PageSamples.Options with { UnknownHostStatus = status }, "app-r123.example.com", html: false);

        // Assert: a routed host reaching the answer (HAProxy raced a change) is simply unknown here.
        response.Status.Should().Be(status);
        Body(response).Should().Be("No stack answers to app-r123.example.com.\n");
        PageSamples.HeaderLines(response).Should().Equal("Cache-Control: no-store");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<script>")]
    [InlineData("[::1]:80")]
    [InlineData("web.example.com:80:80")]
    public void Render_MissingOrInvalidHost_SaysThisHost(string? host)
    {
        // Act
        var response = AnswerPage.Render(PageSamples.TwoStacks, PageSamples.Options, host, html: true);

        // Assert
        response.Status.Should().Be(404);
        Body(response).Should().Contain("<p>No stack answers to this host.</p>").And.NotContain("<script>");
    }

    [Theory]
    [InlineData("text/html,application/xhtml+xml,*/*;q=0.8", true)]
    [InlineData("TEXT/HTML", true)]
    [InlineData("*/*", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void WantsHtml_AcceptHeader_IsTrueOnlyWithTextHtml(string? accept, bool expected)
    {
        // Act / Assert
        AnswerPage.WantsHtml(accept).Should().Be(expected);
    }

    private static string Body(PageResponse response) => Encoding.UTF8.GetString(response.Body);
}

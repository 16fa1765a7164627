using System.Text;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Tests.Pages;

public sealed class IndexPageTests
{
    private static readonly string[] NewestFirstHeadings = ["<h2>app-r123 ", "<h2>aaa ", "<h2>web "];

    [Fact]
    public void Render_TwoStacks_MatchesGoldenPage()
    {
        // Act
        var response = IndexPage.Render(PageSamples.TwoStacks);

        // Assert
        response.Status.Should().Be(200);
        response.ContentType.Should().Be("text/html; charset=utf-8");
        PageSamples.HeaderLines(response).Should().Equal("Cache-Control: no-store");
        PageGolden.ShouldMatch(response.Body, "index.html");
    }

    [Fact]
    public void Render_HostileLabel_IsEscapedTextAndNoScriptOrLinkComesFromIt()
    {
        // Act
        var html = Render(PageSamples.TwoStacks);

        // Assert
        html.Should().Contain("<dd>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</dd>")
            .And.Contain("<dd>javascript:alert(1)</dd>")
            .And.NotContain("<script").And.NotContain("href=\"javascript");
    }

    [Fact]
    public void Render_UrlLabel_IsALinkWithTheEscapedValue()
    {
        // Act
        var html = Render(PageSamples.TwoStacks);

        // Assert
        const string Escaped = "https://ci.example.com/job/app-r123?build=7&amp;x=&#39;1&#39;";
        html.Should().Contain($"<dd><a href=\"{Escaped}\" rel=\"noopener noreferrer\">{Escaped}</a></dd>");
    }

    [Fact]
    public void Render_NotReadyStack_SaysWhyWithTheAnswersWords()
    {
        // Act
        var html = Render(PageSamples.TwoStacks);

        // Assert
        html.Should().Contain("<h2>web <span class=\"not-ready\">not ready: 2 starting, 1 unhealthy</span></h2>")
            .And.Contain("<h2>app-r123 <span class=\"ready\">ready</span></h2>")
            .And.Contain("<dt>Containers</dt><dd>0 of 3 ready</dd>")
            .And.Contain("<dt>First seen</dt><dd>2026-11-30T09:15:00Z</dd>")
            .And.Contain("<li><a href=\"http://web.example.com:8080/\">web.example.com</a> <span class=\"not-ready\">(not ready)</span></li>");
    }

    [Fact]
    public void Render_StacksOutOfOrder_AreNewestFirstThenByName()
    {
        // Arrange
        var twin = PageSamples.Web with { Name = "aaa", Labels = [] };
        var model = PageSamples.TwoStacks with { Stacks = [PageSamples.Web, PageSamples.App, twin] };

        // Act
        var html = Render(model);

        // Assert
        var positions = NewestFirstHeadings.Select(heading => html.IndexOf(heading, StringComparison.Ordinal)).ToArray();
        positions.Should().OnlyContain(position => position >= 0).And.BeInAscendingOrder();
    }

    [Fact]
    public void Render_AnyModel_IsAPhonePageWithoutScriptOrExternalResources()
    {
        // Act
        var html = Render(PageSamples.Loading);

        // Assert
        html.Should().StartWith("<!DOCTYPE html>")
            .And.Contain("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .And.Contain("<p>Routes are loading: this proxy has not read the Rancher metadata yet. Try again in a few seconds.</p>")
            .And.NotContain("<script").And.NotContain("<link").And.NotContain("src=").And.NotContain("url(");
    }

    private static string Render(PageModel model) => Encoding.UTF8.GetString(IndexPage.Render(model).Body);
}

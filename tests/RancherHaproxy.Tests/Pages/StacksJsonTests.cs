using System.Text.Json;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Tests.Pages;

public sealed class StacksJsonTests
{
    [Fact]
    public void Render_TwoStacks_MatchesGoldenDocument()
    {
        // Act
        var response = StacksJson.Render(PageSamples.TwoStacks);

        // Assert
        response.Status.Should().Be(200);
        response.ContentType.Should().Be("application/json; charset=utf-8");
        PageSamples.HeaderLines(response).Should().Equal("Cache-Control: no-store");
        PageGolden.ShouldMatch(response.Body, "stacks.json");
    }

    [Fact]
    public void Write_TwoStacks_HasTheSpecsPropertiesInTheSpecsOrder()
    {
        // Act
        using var document = JsonDocument.Parse(StacksJson.Write(PageSamples.TwoStacks));

        // Assert
        var root = document.RootElement;
        Names(root).Should().Equal("schema", "generated_at", "loaded", "stacks");
        root.GetProperty("schema").GetInt32().Should().Be(1);
        root.GetProperty("generated_at").GetString().Should().Be("2026-12-01T12:00:00Z");
        root.GetProperty("loaded").GetBoolean().Should().BeTrue();
        var app = root.GetProperty("stacks")[0];
        Names(app).Should().Equal("name", "ready", "first_seen", "hosts", "containers", "labels", "protected");
        Names(app.GetProperty("hosts")[0]).Should().Equal("host", "url", "ready");
        Names(app.GetProperty("containers")).Should().Equal("total", "ready", "starting", "stopped", "unhealthy", "no_ip", "bad_label");
        app.GetProperty("first_seen").GetString().Should().Be("2026-12-01T11:59:58Z");
        app.GetProperty("labels").GetProperty("ci.url").GetString().Should().Be(PageSamples.UrlValue);
    }

    [Fact]
    public void Write_HostileLabel_IsEscapedAndReadsBackUnchanged()
    {
        // Act
        var bytes = StacksJson.Write(PageSamples.TwoStacks);
        using var document = JsonDocument.Parse(bytes);

        // Assert
        System.Text.Encoding.UTF8.GetString(bytes).Should().NotContain("<script>").And.Contain("\\u003Cscript\\u003E");
        var web = document.RootElement.GetProperty("stacks")[1];
        web.GetProperty("labels").GetProperty("git.branch").GetString().Should().Be(PageSamples.HostileValue);
        web.GetProperty("containers").GetProperty("starting").GetInt32().Should().Be(2);
    }

    [Fact]
    public void Write_Loading_IsAnEmptyListNotLoaded()
    {
        // Act
        using var document = JsonDocument.Parse(StacksJson.Write(PageSamples.Loading));

        // Assert
        document.RootElement.GetProperty("loaded").GetBoolean().Should().BeFalse();
        document.RootElement.GetProperty("stacks").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void Write_StacksOutOfOrder_AreNewestFirstThenByName()
    {
        // Arrange
        var model = PageSamples.TwoStacks with { Stacks = [PageSamples.Web, PageSamples.App, PageSamples.App with { Name = "aaa" }] };

        // Act
        using var document = JsonDocument.Parse(StacksJson.Write(model));

        // Assert
        document.RootElement.GetProperty("stacks").EnumerateArray().Select(stack => stack.GetProperty("name").GetString())
            .Should().Equal("aaa", "app-r123", "web");
    }

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(property => property.Name);
}

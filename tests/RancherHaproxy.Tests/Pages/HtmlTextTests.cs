using RancherHaproxy.Pages;

namespace RancherHaproxy.Tests.Pages;

public sealed class HtmlTextTests
{
    [Fact]
    public void Encode_HostileValue_EscapesEveryMarkupCharacter()
    {
        // Act / Assert
        HtmlText.Encode(PageSamples.HostileValue).Should().Be("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;");
    }

    [Fact]
    public void Encode_PlainText_IsUnchanged()
    {
        // Act / Assert
        HtmlText.Encode("main-1.2 ünïcode").Should().Be("main-1.2 ünïcode");
    }

    [Theory]
    [InlineData("https://ci.example.com/job/1", "<a href=\"https://ci.example.com/job/1\" rel=\"noopener noreferrer\">https://ci.example.com/job/1</a>")]
    [InlineData("http://x.example.com/?a=1&b='2'", "<a href=\"http://x.example.com/?a=1&amp;b=&#39;2&#39;\" rel=\"noopener noreferrer\">http://x.example.com/?a=1&amp;b=&#39;2&#39;</a>")]
    [InlineData("HTTPS://CI.example.com/", "<a href=\"HTTPS://CI.example.com/\" rel=\"noopener noreferrer\">HTTPS://CI.example.com/</a>")]
    public void LinkOrText_AbsoluteWebUrl_IsAnEscapedLink(string value, string expected)
    {
        // Act / Assert
        HtmlText.LinkOrText(value).Should().Be(expected);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "javascript:alert(1)")]
    [InlineData("JavaScript://x.example.com/%0aalert(1)", "JavaScript://x.example.com/%0aalert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>", "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("http://x.example.com/\" onmouseover=\"alert(1)", "http://x.example.com/&quot; onmouseover=&quot;alert(1)")]
    [InlineData("http://x.example.com/\nfoo", "http://x.example.com/\nfoo")]
    [InlineData("http:x.example.com", "http:x.example.com")]
    [InlineData("//x.example.com/", "//x.example.com/")]
    [InlineData("/relative/path", "/relative/path")]
    [InlineData("ftp://x.example.com/", "ftp://x.example.com/")]
    [InlineData("", "")]
    public void LinkOrText_AnythingElse_IsEscapedText(string value, string expected)
    {
        // Act / Assert
        HtmlText.LinkOrText(value).Should().Be(expected);
    }
}

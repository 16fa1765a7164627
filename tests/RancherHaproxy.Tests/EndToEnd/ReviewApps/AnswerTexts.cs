using System.Net;

namespace RancherHaproxy.Tests.EndToEnd.ReviewApps;

/// <summary>
/// The exact answers of spec12.md ("Answers"), and the checks every answer test makes: the text
/// variant is the sentence and a newline, the HTML variant contains the sentence HTML-escaped.
/// </summary>
internal static class AnswerTexts
{
    public const string Loading = "Routes are loading: this proxy has not read the Rancher metadata yet. Try again in a few seconds.";

    public const string UnknownUnnamedHost = "No stack answers to this host.";

    public const string TextContentType = "text/plain; charset=utf-8";

    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>What a browser sends: text/html among others.</summary>
    public const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    public static string UnknownHost(string host) => $"No stack answers to {host}.";

    /// <summary><paramref name="reasons"/> as the spec writes them, e.g. <c>2 starting, 1 no IP</c>.</summary>
    public static string NotReady(string stack, int total, string reasons) =>
        $"Stack {stack} is not ready: 0 of {total} {(total == 1 ? "container" : "containers")} routable ({reasons}).";

    public static string NoContainerAbleToAnswer(string stack) => $"Stack {stack} has no container able to answer (503).";

    public static void ShouldBeText(this HttpAnswer answer, int status, string sentence)
    {
        answer.Status.Should().Be(status, answer.ToString());
        answer.ContentType.Should().Be(TextContentType, answer.ToString());
        answer.Body.Should().Be(sentence + "\n");
    }

    public static void ShouldBeHtml(this HttpAnswer answer, int status, string sentence)
    {
        answer.Status.Should().Be(status, answer.ToString());
        answer.ContentType.Should().Be(HtmlContentType, answer.ToString());
        answer.Body.Should().Contain(WebUtility.HtmlEncode(sentence));
    }
}

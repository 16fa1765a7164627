namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// The exact answers of spec13.md ("Behaviour at the HTTP frontends"): 401 with the stack as realm,
/// 403 for sources outside ALLOW_CIDRS, and the checks every access test makes on them.
/// </summary>
internal static class AccessAnswers
{
    /// <summary>The per-stack label (RANCHER_LABEL is the default in the harness).</summary>
    public const string AuthLabel = ContainerBuilder.DefaultLabel + ".auth";

    public const string AuthenticationRequiredBody = "Authentication required\n";

    public const string ForbiddenBody = "Forbidden\n";

    /// <summary>The realm of INDEX_HOST when AUTH_DEFAULT=on.</summary>
    public const string IndexRealm = "index";

    /// <summary>401, <c>WWW-Authenticate: Basic realm="&lt;realm&gt;"</c>, a text/plain <c>Authentication required</c>.</summary>
    public static void ShouldAskForCredentials(this HttpAnswer answer, string realm, string because = "")
    {
        answer.Status.Should().Be(401, "{0}", Reason(answer, because));
        answer.Header("WWW-Authenticate").Should().Be($"Basic realm=\"{realm}\"", "{0}", Reason(answer, because));
        answer.ContentType.Should().StartWith("text/plain", answer.ToString());
        answer.Body.Should().Be(AuthenticationRequiredBody, answer.ToString());
    }

    /// <summary>403 with the short text/plain page, and nothing of any stack.</summary>
    public static void ShouldBeForbidden(this HttpAnswer answer, string because = "")
    {
        answer.Status.Should().Be(403, "{0}", Reason(answer, because));
        answer.ContentType.Should().StartWith("text/plain", answer.ToString());
        answer.Body.Should().Be(ForbiddenBody, answer.ToString());
    }

    /// <summary>A 200 written by the backend named <paramref name="backend"/>.</summary>
    public static void ShouldReach(this HttpAnswer answer, string backend, string because = "")
    {
        answer.Status.Should().Be(200, "{0}", Reason(answer, because));
        answer.Backend.Should().Be(backend, "{0}", Reason(answer, because));
    }

    /// <summary>The reason FluentAssertions prints: the test's <paramref name="because"/> and the whole answer.</summary>
    private static string Reason(HttpAnswer answer, string because) => because.Length == 0 ? answer.ToString() : $"{because}: {answer}";
}

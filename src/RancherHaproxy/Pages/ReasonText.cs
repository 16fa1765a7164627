using System.Globalization;
using System.Text;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Pages;

/// <summary>
/// The words for why a stack's containers are not routable, shared by the answers and the index so
/// that both say the same thing: <c>2 starting, 1 unhealthy</c>.
/// </summary>
internal static class ReasonText
{
    public const string Loading =
        "Routes are loading: this proxy has not read the Rancher metadata yet. Try again in a few seconds.";

    public const string ThisHost = "this host";

    /// <summary>The non-zero reason counts, in the spec's order; empty when there is none.</summary>
    public static string Reasons(ContainerCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var text = new StringBuilder();
        Append(text, counts.Starting, "starting");
        Append(text, counts.Stopped, "stopped");
        Append(text, counts.Unhealthy, "unhealthy");
        Append(text, counts.NoIp, "no IP");
        Append(text, counts.BadLabel, "bad label");
        return text.ToString();
    }

    /// <summary><c>No stack answers to &lt;host&gt;.</c>, with <c>this host</c> for a missing or invalid name.</summary>
    public static string UnknownHost(string? normalisedHost) =>
        "No stack answers to " + (normalisedHost ?? ThisHost) + ".";

    /// <summary><c>Stack &lt;stack&gt; is not ready: 0 of &lt;n&gt; container[s] routable (reasons).</c></summary>
    public static string NotReady(HostAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var total = answer.Containers.Total;
        var reasons = Reasons(answer.Containers);
        var sentence = string.Create(
            CultureInfo.InvariantCulture,
            $"Stack {answer.Stack} is not ready: 0 of {total} {(total == 1 ? "container" : "containers")} routable");
        return reasons.Length == 0 ? sentence + "." : sentence + " (" + reasons + ").";
    }

    private static void Append(StringBuilder text, int count, string reason)
    {
        if (count <= 0)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(", ");
        }

        text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(reason);
    }
}

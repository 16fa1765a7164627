using System.Globalization;
using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>The times of /status: UTC ISO-8601 in whole seconds with a <c>Z</c> (<c>2026-12-01T14:00:00Z</c>), nothing else.</summary>
internal static class StatusTime
{
    public static DateTimeOffset Parse(JsonNode? node)
    {
        node.Should().NotBeNull("a time is expected");
        var text = node!.GetValue<string>();
        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new FormatException($"'{text}' is not a UTC time in whole seconds with Z.");
    }
}

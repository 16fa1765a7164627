using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RancherHaproxy.Tests.EndToEnd.ReviewApps;

/// <summary>The index of live stacks (INDEX_HOST=index): its host, and reading <c>/stacks.json</c> with JsonDocument.</summary>
internal static partial class IndexPage
{
    public const string ShortName = "index";

    public const string Host = ShortName + "." + EndToEndHarness.StackDomain;

    public const string JsonContentType = "application/json; charset=utf-8";

    private static readonly string[] CountKeys = ["total", "ready", "starting", "stopped", "unhealthy", "no_ip", "bad_label"];

    /// <summary>INDEX_HOST=index plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> Settings(params (string Name, string? Value)[] more)
    {
        var overrides = new Dictionary<string, string?> { ["INDEX_HOST"] = ShortName };
        foreach (var (name, value) in more)
        {
            overrides[name] = value;
        }

        return overrides;
    }

    /// <summary>What a stack's host links to with TLS redirection off: <c>http://host:HTTP_PORT/</c> (the tests never use port 80).</summary>
    public static string HttpUrl(string host, int httpPort) => string.Create(CultureInfo.InvariantCulture, $"http://{host}:{httpPort}/");

    /// <summary>The stacks of a <c>/stacks.json</c> document, by name; a stack listed twice fails.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Stacks(JsonDocument document) =>
        document.RootElement.GetProperty("stacks").EnumerateArray()
            .ToDictionary(stack => stack.GetProperty("name").GetString()!, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names(JsonDocument document) =>
        [.. document.RootElement.GetProperty("stacks").EnumerateArray().Select(stack => stack.GetProperty("name").GetString()!)];

    /// <summary>True when <paramref name="body"/> is a stacks document listing <paramref name="stack"/>, ready as <paramref name="ready"/>.</summary>
    public static bool Lists(string body, string stack, bool ready)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Stacks(document).TryGetValue(stack, out var found) && found.GetProperty("ready").GetBoolean() == ready;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    public static bool IsUtcSecond(string? value) => value is not null && UtcSecondPattern().IsMatch(value);

    public static DateTimeOffset ParseUtcSecond(string value) =>
        DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The container counts of a stack, in the schema's field order.</summary>
    public static int[] Counts(JsonElement stack)
    {
        var containers = stack.GetProperty("containers");
        return [.. CountKeys.Select(key => containers.GetProperty(key).GetInt32())];
    }

    public static Dictionary<string, string> Labels(JsonElement stack) =>
        stack.GetProperty("labels").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString()!, StringComparer.Ordinal);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex UtcSecondPattern();
}

using System.Globalization;

namespace RancherHaproxy.Pages;

/// <summary>Times on the pages: UTC to the second, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
internal static class PageTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}

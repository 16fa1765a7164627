using System.Globalization;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// HAProxy's release line, from the version its master reports ("2.6.12-1+deb12u4", "3.4.0-64a335366"):
/// what the daemon does differently on one line than on another is decided here, once, at start.
/// </summary>
internal sealed record HaproxyVersion(int Major, int Minor)
{
    /// <summary><c>wait &lt;ms&gt; srv-removable &lt;backend&gt;/&lt;server&gt;</c> on the stats socket (3.0 and later).</summary>
    public bool CanWaitUntilServerRemovable => IsAtLeast(3, 0);

    /// <summary>The major and minor number at the start of <paramref name="text"/>, or null.</summary>
    public static HaproxyVersion? TryParse(string? text)
    {
        var parts = (text ?? string.Empty).Split('.', 3);
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(TakeDigits(parts[1]), NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? new HaproxyVersion(major, minor)
            : null;
    }

    public bool IsAtLeast(int major, int minor) => Major > major || (Major == major && Minor >= minor);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    private static string TakeDigits(string text) => new([.. text.TakeWhile(char.IsAsciiDigit)]);
}

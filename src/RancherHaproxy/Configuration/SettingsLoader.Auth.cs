using RancherHaproxy.Auth;

namespace RancherHaproxy.Configuration;

/// <summary>AUTH_USERS, AUTH_USERS_FILE, AUTH_DEFAULT, AUTH_ALLOW_OPT_OUT, AUTH_BYPASS_CIDRS, ALLOW_CIDRS, ACCEPT_PROXY_FROM, AUTH_FORWARD, HAPROXY_AUTH_MAP.</summary>
internal static partial class SettingsLoader
{
    private static readonly Dictionary<string, bool> OnOff = new(StringComparer.Ordinal) { ["on"] = true, ["off"] = false };

    private static AuthSettings ReadAuth(SettingsReader reader, string domainMap)
    {
        var fromEnvironment = ReadUsers(reader, "AUTH_USERS", reader.Optional("AUTH_USERS"));
        var fromFile = ReadUsers(reader, "AUTH_USERS_FILE", ReadUsersFile(reader));
        var (users, duplicates) = AuthUserMerge.Merge(fromEnvironment.Users, fromFile.Users);
        return new AuthSettings(
            users,
            fromEnvironment.Duplicates.Concat(fromFile.Duplicates).Concat(duplicates).Distinct(StringComparer.Ordinal).ToList(),
            reader.Choice("AUTH_DEFAULT", false, OnOff),
            reader.Boolean("AUTH_ALLOW_OPT_OUT", false),
            ReadOptionalNetworks(reader, "AUTH_BYPASS_CIDRS"),
            ReadOptionalNetworks(reader, "ALLOW_CIDRS"),
            ReadOptionalNetworks(reader, "ACCEPT_PROXY_FROM"),
            reader.Boolean("AUTH_FORWARD", false),
            reader.Path("HAPROXY_AUTH_MAP", Beside(domainMap, "auth.map")));
    }

    /// <summary>Every refused entry is one error naming the variable and the user, never the hash.</summary>
    private static AuthUserList ReadUsers(SettingsReader reader, string name, string? text)
    {
        var list = AuthUserParser.Parse(text);
        foreach (var error in list.Errors)
        {
            reader.Fail(name, error);
        }

        return list;
    }

    private static string? ReadUsersFile(SettingsReader reader)
    {
        var path = reader.Optional("AUTH_USERS_FILE");
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            reader.Fail("AUTH_USERS_FILE", $"names a file that does not exist: {path}");
            return null;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            reader.Fail("AUTH_USERS_FILE", $"names a file that cannot be read: {path} ({exception.GetType().Name})");
            return null;
        }
    }

    /// <summary>Unset: none. Set: networks or addresses (an address alone gets /32 or /128), at least one.</summary>
    private static IReadOnlyList<string> ReadOptionalNetworks(SettingsReader reader, string name) =>
        reader.Optional(name) is null ? [] : ReadNetworks(reader, name);
}

using System.Text.Json.Nodes;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// Fixed users with their passwords and hashes, made once on the development machine (Debian 12,
/// libxcrypt's crypt(), which HAProxy's userlist also calls) and kept here so the tests never
/// hash anything:
/// <list type="bullet">
/// <item>bcrypt: <c>python3 -c "import crypt; print(crypt.crypt(PW, '$2b$05$' + crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=32)[7:]))"</c>,
/// with <c>$2a$</c> / <c>$2y$</c> in place of <c>$2b$</c> for those kinds; cost 05 keeps each check fast.</item>
/// <item>SHA-256-crypt / SHA-512-crypt: <c>openssl passwd -5 -salt e2eSalt256 PW</c>, <c>openssl passwd -6 -salt e2eSalt512 PW</c>;
/// with rounds: <c>crypt.crypt(PW, '$6$rounds=5000$e2eRounds512$')</c>.</item>
/// <item>Refused: <c>openssl passwd -1 -salt e2eMd5 PW</c>, <c>openssl passwd -apr1 -salt e2eApr1 PW</c>, and a plain-text password.</item>
/// </list>
/// Each was checked against HAProxy 2.6 (<c>userlist</c> + <c>http_auth</c>) before it was written here.
/// </summary>
internal static class TestUsers
{
    public static readonly TestUser Bcrypt2a = new("bcrypt $2a$", "bea2a", "Kx7-bcrypt2a-pw", "$2a$05$Ti7SdTUsR/CES6iaMy9c5e5Ob8Pe4IdBBQSgVYLb0raDKc4axUGbW");

    public static readonly TestUser Bcrypt2b = new("bcrypt $2b$", "bob2b", "Kx7-bcrypt2b-pw", "$2b$05$GgMpRf5/Ogk.8B2TgrzoCux/MIfHf5lJxorrr7LeUExZkzw.iTi/u");

    public static readonly TestUser Bcrypt2y = new("bcrypt $2y$", "bry2y", "Kx7-bcrypt2y-pw", "$2y$05$ycWvMXC4A9uKxIAmsYaIQ.XEFBvEzjcMUhe.cbijjCyFaeMZw1LBG");

    public static readonly TestUser Sha256 = new("SHA-256-crypt $5$", "sam256", "Kx7-sha256-pw", "$5$e2eSalt256$idgRT5ZWvD7sYDPZa0acFFI0xFkUL6CmUF8R7mL.uN2");

    public static readonly TestUser Sha512 = new("SHA-512-crypt $6$", "sue512", "Kx7-sha512-pw", "$6$e2eSalt512$lArpxdIGdgPbVEx2g4EY0rwhIwRwfckv9uWIk4rx3fYfDwBFBrbuuT0L9Is8p4w89jxRerdA6FB1bh30JsWpl/");

    public static readonly TestUser Sha512Rounds = new(
        "SHA-512-crypt $6$rounds=", "rex512", "Kx7-rounds-pw", "$6$rounds=5000$e2eRounds512$cLpDEL7p7qMnd38qt9qr/V32au1oqaSZ8T4aCzmxB7w4TjFgeSXC0VM7ntMHKsZq2Q3l7qEQ9AACzaSdu72/m1");

    /// <summary>A user for AUTH_USERS_FILE, SHA-256-crypt.</summary>
    public static readonly TestUser FileUser = new("SHA-256-crypt $5$", "fay-file", "Kx7-file-pw", "$5$e2eFile256$QW1eHmf59ts/fQ8CiylO2QvVBz7rwI6v5fDwIBs/TN7");

    /// <summary>A user for the service metadata's <c>auth_users</c>, bcrypt.</summary>
    public static readonly TestUser MetadataUser = new("bcrypt $2b$", "max-meta", "Kx7-meta-pw", "$2b$05$fNc7XNqt5hpMzbB1yU5wB.EiQFCB2JZPvA4NogWoM6Wqa71M0/QHS");

    /// <summary>Another metadata user, the one a change of <c>auth_users</c> brings in.</summary>
    public static readonly TestUser OtherMetadataUser = new("bcrypt $2b$", "mo-meta2", "Kx7-meta2-pw", "$2b$05$1aJhBfmMTtIvCbQdRELOL.1B9TJGTqb8/M7tTP1CgHff84oUJCVxm");

    public static readonly TestUser PlainText = new("plain text", "pat-plain", "Kx7-plain-pw", "Kx7-plain-pw");

    public static readonly TestUser Md5Crypt = new("MD5-crypt $1$", "mia-md5", "Kx7-md5-pw", "$1$e2eMd5$eO4AFcm0GqBu45xq5Q9Kz/");

    public static readonly TestUser Apr1 = new("Apache MD5 $apr1$", "abe-apr1", "Kx7-apr1-pw", "$apr1$e2eApr1$wUGpr7vpvkaVL9dzTiRcX1");

    /// <summary>One user of each accepted hash kind.</summary>
    public static readonly IReadOnlyList<TestUser> Accepted = [Bcrypt2a, Bcrypt2b, Bcrypt2y, Sha256, Sha512, Sha512Rounds];

    /// <summary>Every user above, for "nothing secret in the logs".</summary>
    public static readonly IReadOnlyList<TestUser> All = [.. Accepted, FileUser, MetadataUser, OtherMetadataUser, PlainText, Md5Crypt, Apr1];

    /// <summary>A refused user by the name a theory passes (InlineData takes constants only).</summary>
    public static TestUser Refused(string kind) => kind switch
    {
        "plain" => PlainText,
        "md5" => Md5Crypt,
        "apr1" => Apr1,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "plain, md5 or apr1"),
    };

    /// <summary>The value of AUTH_USERS for <paramref name="users"/>, mixing the three separators the spec allows.</summary>
    public static string AuthUsers(params TestUser[] users)
    {
        string[] separators = ["\n", ",", " "];
        return string.Concat(users.Select((user, index) => (index == 0 ? string.Empty : separators[index % separators.Length]) + user.Line));
    }

    /// <summary>
    /// The load balancer's own service (<c>/self/service</c>) with <c>auth_users</c> in its metadata:
    /// a string of lines, or a list of strings (both forms the spec accepts); none when null.
    /// </summary>
    public static JsonObject LoadBalancer(JsonNode? authUsers) =>
        MetadataObjects.Service("lb", "haproxy", authUsers is null ? new JsonObject() : new JsonObject { ["auth_users"] = authUsers });
}

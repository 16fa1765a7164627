using System.Globalization;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Haproxy;

/// <summary>
/// The shipped haproxy.cfg under every combination of the on/off settings the daemon exports (TLS,
/// redirection, stats, a non-default HTTPS port, a syslog host, access control), with the many-valued ones (redirect
/// status, facility, PROXY keyword, timeouts, the Prometheus exporter frontend) cycled across them: <c>haproxy -c</c> accepts each one
/// without a single warning or alert, on whichever HAProxy runs the tests. HAProxy tokenises the lines
/// of a false <c>.if</c> too, so a value that only a disabled feature uses must still be well-formed.
/// </summary>
public sealed class ShippedConfigTests
{
    /// <summary>
    /// HAProxy 3.4 times each userlist hash at start and advises against one that takes 10 ms or more
    /// (bcrypt of cost 5 on a busy machine): advice about the user's hash and this machine's load, not the config.
    /// </summary>
    private const string SlowHashAdvice = "the hash algorithm used for this password takes";

    private static readonly string[] RedirectStatuses = ["301", "302", "303", "307", "308"];
    private static readonly string[] Facilities = ["daemon", "local0", "local7"];
    private static readonly string[] SyslogHosts = ["127.0.0.1", "127.0.0.1:5140"];
    private static readonly string?[] ProxyKeywords = [null, "send-proxy", "send-proxy-v2", "send-proxy-v2-ssl", "send-proxy-v2-ssl-cn"];

    /// <summary>One case per combination of the six switches, named by the settings it sets.</summary>
    public static TheoryData<string> Combinations()
    {
        var data = new TheoryData<string>();
        for (var index = 0; index < 64; index++)
        {
            data.Add(Describe(index));
        }

        return data;
    }

    [Trait(TestCategories.Name, TestCategories.Haproxy)]
    [Theory]
    [MemberData(nameof(Combinations))]
    public void Check_SettingsCombination_PassesWithoutWarningOrAlert(string combination)
    {
        // Arrange
        var (settings, proxyKeyword) = Parse(combination);
        var rendered = RenderedConfig.From(Table(proxyKeyword), CertificatePlan.Disabled, string.Empty, string.Empty, spareBackends: 2, Users);

        // Act
        var (exitCode, output) = HaproxyCheck.Run(rendered, settings);

        // Assert
        exitCode.Should().Be(0, output);
        output.Split('\n').Where(line => HaproxyOutputLine.IsWarning(line) || HaproxyOutputLine.IsAlert(line))
            .Where(line => !line.Contains(SlowHashAdvice, StringComparison.Ordinal))
            .Should().BeEmpty($"the shipped config passes cleanly with {combination}");
    }

    /// <summary>"ENABLE_SSL=true SSL_REDIRECTION_TYPE=302 … proxy=send-proxy-v2" for combination <paramref name="index"/>.</summary>
    private static string Describe(int index)
    {
        bool Switch(int bit) => (index & (1 << bit)) != 0;
        var settings = new List<string>
        {
            "ENABLE_SSL=" + Flag(Switch(0)),
            "ENABLE_SSL_REDIRECTION=" + Flag(Switch(1)),
            "ENABLE_STATS=" + Flag(Switch(2)),
            "HTTPS_PORT=" + (Switch(3) ? "8443" : "443"),
            "SSL_REDIRECTION_TYPE=" + RedirectStatuses[index % RedirectStatuses.Length],
            "SYSLOG_FACILITY=" + Facilities[index % Facilities.Length],
            "TIMEOUT_TUNNEL=" + (index % 2 == 0 ? "1h" : "30s"),
            "HARD_STOP_AFTER=" + (index % 3 == 0 ? "30m" : "5m"),
            "PROMETHEUS_EXPORTER=" + Flag(index % 2 == 1),
        };
        if (Switch(4))
        {
            settings.Add("SYSLOG_HOST=" + SyslogHosts[index % SyslogHosts.Length]);
        }

        // Access control: every list and flag set, with the index protected by AUTH_DEFAULT=on.
        if (Switch(5))
        {
            settings.AddRange(["ALLOW_CIDRS=127.0.0.0/8,::1", "ACCEPT_PROXY_FROM=10.0.0.5", "AUTH_BYPASS_CIDRS=10.8.0.0/16", "AUTH_DEFAULT=on",
                "AUTH_FORWARD=" + Flag(index % 2 == 0), "INDEX_HOST=index"]);
        }

        settings.Add("proxy=" + (ProxyKeywords[index % ProxyKeywords.Length] ?? "none"));
        return string.Join(' ', settings);
    }

    private static (Dictionary<string, string> Settings, string? ProxyKeyword) Parse(string combination)
    {
        var pairs = combination.Split(' ').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        var keyword = pairs["proxy"] == "none" ? null : pairs["proxy"];
        pairs.Remove("proxy");
        return (pairs, keyword);
    }

    /// <summary>One user of each accepted hash kind.</summary>
    private static readonly IReadOnlyList<RancherHaproxy.Auth.AuthUser> Users =
        [new("alice", TestHashes.Bcrypt), new("bob", TestHashes.Sha256), new("carol", TestHashes.Sha512)];

    /// <summary>One protected stack: a plain server and one with the case's PROXY keyword (if any).</summary>
    private static RoutingTable Table(string? proxyKeyword) => new(
    [
        new StackBackend("stack_shop", "shop", ["shop.example.com"],
        [
            new BackendServer("web_c1", "c1", "127.0.0.2", 8080, null),
            new BackendServer("web_c2", "c2", "127.0.0.3", 8080, proxyKeyword),
        ]),
    ])
    {
        AuthHosts = [new("shop.example.com", "shop")],
    };

    private static string Flag(bool value) => value.ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
}

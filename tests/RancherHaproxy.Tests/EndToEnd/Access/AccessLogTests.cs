using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// Credentials never reach a log line: not the daemon's (debug level included, HAProxy's own lines
/// in it), not HAProxy's request log. That request log names the user of an authenticated request:
/// its line ends with <c> stack=&lt;stack&gt; user=&lt;name&gt;</c>, <c> user=-</c> otherwise.
/// </summary>
[Collection(EndToEndCollections.Second)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class AccessLogTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly string Host = EndToEndHarness.HostFor("alpha");

    [Fact(Timeout = 30_000)]
    public async Task Request_AuthenticatedOrNot_LogLineEndsWithStackAndUser()
    {
        // Arrange: alpha protected by its label, free not protected.
        using var syslog = new SyslogReceiver();
        var user = TestUsers.Sha512;
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).WithLabel(AccessAnswers.AuthLabel, "on"),
            ContainerBuilder.RoutedTo("free", await Harness.StartBackendAsync("free-1")));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["AUTH_USERS"] = user.Line,
            ["SYSLOG_HOST"] = syslog.Target,
        });

        // Act
        var authenticated = await RequestAndReceiveAsync(syslog, Host, user.Credentials, 200);
        var anonymous = await RequestAndReceiveAsync(syslog, Host, null, 401);
        var wrong = await RequestAndReceiveAsync(syslog, Host, user.WrongCredentials, 401);
        var unprotected = await RequestAndReceiveAsync(syslog, EndToEndHarness.HostFor("free"), null, 200);

        // Assert
        authenticated.Should().EndWith($" stack=alpha user={user.Name}");
        anonymous.Should().EndWith(" user=-");
        wrong.Should().EndWith(" user=-", "a wrong password names no user");
        unprotected.Should().EndWith(" stack=free user=-");
    }

    [Fact(Timeout = 30_000)]
    public async Task Output_UsersFromEverySourceAtDebugLevel_NoPasswordHashOrAuthorizationInAnyLine()
    {
        // Arrange: users from AUTH_USERS, AUTH_USERS_FILE and metadata; debug logging; request logs to syslog.
        using var syslog = new SyslogReceiver();
        var file = Harness.Directory.Combine("users.htpasswd");
        await File.WriteAllTextAsync(file, TestUsers.FileUser.Line + "\n");
        var containers = new[] { ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build() };
        Harness.Metadata.Publish(containers, TestUsers.LoadBalancer(TestUsers.MetadataUser.Line));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["AUTH_DEFAULT"] = "on",
            ["AUTH_USERS"] = TestUsers.AuthUsers([.. TestUsers.Accepted]),
            ["AUTH_USERS_FILE"] = file,
            ["LOG_LEVEL"] = "debug",
            ["SYSLOG_HOST"] = syslog.Target,
        });

        // Act: right and wrong passwords of everyone; a refused metadata user (a warning); a change of users (a reload).
        foreach (var user in TestUsers.Accepted.Append(TestUsers.FileUser).Append(TestUsers.MetadataUser))
        {
            await RequestAndReceiveAsync(syslog, Host, user.Credentials, 200);
            await RequestAndReceiveAsync(syslog, Host, user.WrongCredentials, 401);
        }

        var linesBefore = daemon.LineCount;
        Harness.Metadata.Publish(containers, TestUsers.LoadBalancer(new JsonArray(TestUsers.MetadataUser.Line, TestUsers.Md5Crypt.Line)));
        await daemon.WaitForLineAsync(
            line => line.Level == "warn" && line.Raw.Contains(TestUsers.Md5Crypt.Name, StringComparison.Ordinal), EndToEndHarness.ChangeTimeout, "the refused metadata user's warning", linesBefore);
        linesBefore = daemon.LineCount;
        Harness.Metadata.Publish(containers, TestUsers.LoadBalancer(TestUsers.OtherMetadataUser.Line));
        await daemon.WaitForEventAsync("haproxy", "reload succeeded", EndToEndHarness.ChangeTimeout, linesBefore);
        await RequestAndReceiveAsync(syslog, Host, TestUsers.OtherMetadataUser.Credentials, 200);
        daemon.Signal(UnixSignal.Terminate);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        // Assert
        var lines = daemon.Lines.Select(line => line.Raw).Concat(syslog.Datagrams).ToList();
        lines.Should().Contain(line => line.Contains(TestUsers.Sha512.Name, StringComparison.Ordinal), "the request log names users, so the search below looks at the right lines");
        foreach (var user in TestUsers.All)
        {
            foreach (var secret in user.Secrets)
            {
                lines.Should().NotContain(line => line.Contains(secret, StringComparison.Ordinal), "no line shows a secret of {0}", user);
            }
        }
    }

    /// <summary>Sends a GET with a unique path, checks its status, and returns the request log datagram for it.</summary>
    private async Task<string> RequestAndReceiveAsync(SyslogReceiver syslog, string host, IReadOnlyList<KeyValuePair<string, string>>? headers, int expectedStatus)
    {
        var path = "/log-" + Guid.NewGuid().ToString("N");
        var answer = await ClientAddresses.From(Harness).GetAsync(host, path, headers: headers);
        answer.Status.Should().Be(expectedStatus, "{0}{1}: {2}", host, path, answer);
        var datagram = await syslog.WaitForAsync(path, EndToEndHarness.ChangeTimeout);
        Output.WriteLine($"syslog datagram: {datagram}");
        return datagram;
    }
}

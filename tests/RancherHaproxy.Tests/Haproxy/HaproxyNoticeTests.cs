using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Tests.Haproxy;

/// <summary>
/// The lines HAProxy 2.6.12, 3.2.0 and 3.4.0 printed for the daemon's Runtime API commands and a
/// failing check (stderr tagged, `log stdout` untagged), copied from real runs: each event is
/// forwarded once, routine ones at info.
/// </summary>
public sealed class HaproxyNoticeTests
{
    private const string Drain = "Server spare_000/web_c0a80001-0000-4000-8000-000000000002 enters drain state. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.";
    private const string Maintenance = "Server spare_000/web_c0a80001-0000-4000-8000-000000000002 is going DOWN for maintenance. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.";
    private const string Ready = "Server spare_000/web_c0a80001-0000-4000-8000-000000000001 is UP/READY (leaving forced maintenance).";
    private const string LeftDrain = "Server b/s1 is UP (leaving forced drain).";
    private const string DownLeftDrain = "Server c/hc is DOWN (leaving forced drain).";
    private const string DownToMaintenance = "Server c/hc was DOWN and now enters maintenance.";
    private const string CheckDown26 = "Server c/hc is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.";
    private const string CheckDown34 = "Server c/hc is DOWN, reason: Layer4 connection problem, info: \"ECONNREFUSED returned by OS (Connection refused)\", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.";
    private const string CheckUp = "Server c/hc is UP, reason: Layer4 check passed, check duration: 0ms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.";

    public static TheoryData<string, int> Events => new()
    {
        { Drain, (int)HaproxyNoticeKind.ServerAdministered },
        { Maintenance, (int)HaproxyNoticeKind.ServerAdministered },
        { Ready, (int)HaproxyNoticeKind.ServerAdministered },
        { LeftDrain, (int)HaproxyNoticeKind.ServerAdministered },
        { DownLeftDrain, (int)HaproxyNoticeKind.ServerAdministered },
        { DownToMaintenance, (int)HaproxyNoticeKind.ServerAdministered },
        { CheckDown26, (int)HaproxyNoticeKind.HealthCheckDown },
        { CheckDown34, (int)HaproxyNoticeKind.HealthCheckDown },
        { CheckUp, (int)HaproxyNoticeKind.HealthCheckUp },
        { "Proxy spare_000 stopped (cumulated conns: FE: 0, BE: 1).", (int)HaproxyNoticeKind.ProxyStopped },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Classify_TaggedAndUntaggedCopies_SameKind(string text, int kind)
    {
        // Act / Assert: the `log stdout` copy, the 3.x stderr copy, and 2.6's with "CLI : ".
        HaproxyNotice.Classify(text).Should().Be((HaproxyNoticeKind)kind);
        HaproxyNotice.Classify($"[WARNING]  (7190) : {text}").Should().Be((HaproxyNoticeKind)kind);
        HaproxyNotice.Classify($"[WARNING]  (6838) : CLI : {text}").Should().Be((HaproxyNoticeKind)kind);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void IsLogCopy_UntaggedCopyOnly(string text, int kind)
    {
        // Act / Assert
        _ = kind;
        HaproxyNotice.IsLogCopy(text).Should().BeTrue();
        HaproxyNotice.IsLogCopy($"[WARNING]  (7190) : {text}").Should().BeFalse();
    }

    [Fact]
    public void IsLogCopy_NoServerAvailable_DropsTheLogCopyKeepsTheAlert()
    {
        // Act / Assert: stderr quotes the name, the log line does not.
        HaproxyNotice.IsLogCopy("backend c has no server available!").Should().BeTrue();
        HaproxyNotice.IsLogCopy("[ALERT]    (5561) : backend 'c' has no server available!").Should().BeFalse();
        HaproxyOutputLine.LevelOf("[ALERT]    (5561) : backend 'c' has no server available!").Should().Be(LogLevel.Warn);
    }

    [Theory]
    [InlineData("127.0.0.1:44198 [01/Dec/2026:14:46:16.138] http-in spare_000/web_c0a80001-0000-4000-8000-000000000001 0/0/0/0/0 200 147 - - ---- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\" stack=app-r123 user=-")]
    [InlineData("127.0.0.1:44198 [01/Dec/2026:14:46:16.138] http-in no-route/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 \"GET /Server a/b enters drain state. HTTP/1.1\" stack=- user=-")]
    [InlineData("[NOTICE]   (6838) : CLI : 'server spare_000/web_c0a80001-0000-4000-8000-000000000001' : New server registered.")]
    [InlineData("[NOTICE]   (6838) : CLI : Server deleted.")]
    [InlineData("[NOTICE]   (7190) : Server deleted.")]
    [InlineData("[NOTICE]   (7181) : Loading success.")]
    [InlineData("[WARNING]  (7181) : Exiting Master process...")]
    [InlineData("Server deleted.")]
    [InlineData("Server without a slash is going DOWN for maintenance")]
    [InlineData("Servers a/b enters drain state.")]
    [InlineData("")]
    public void Classify_OtherLines_NoneAndForwarded(string line)
    {
        // Act / Assert: request logs and every other line pass through as before.
        HaproxyNotice.Classify(line).Should().Be(HaproxyNoticeKind.None);
        HaproxyNotice.IsLogCopy(line).Should().BeFalse();
    }

    [Theory]
    [InlineData("[WARNING]  (7190) : " + Drain, (int)LogLevel.Info)]
    [InlineData("[WARNING]  (6838) : CLI : " + Maintenance, (int)LogLevel.Info)]
    [InlineData("[WARNING]  (7311) : " + Ready, (int)LogLevel.Info)]
    [InlineData("[WARNING]  (5188) : " + DownToMaintenance, (int)LogLevel.Info)]
    [InlineData("[WARNING]  (5188) : " + DownLeftDrain, (int)LogLevel.Info)]
    [InlineData("[WARNING]  (5188) : " + CheckUp, (int)LogLevel.Info)]
    [InlineData("[WARNING]  (5188) : " + CheckDown26, (int)LogLevel.Warn)]
    [InlineData("[WARNING]  (6014) : " + CheckDown34, (int)LogLevel.Warn)]
    [InlineData("[WARNING]  (7311) : Proxy http-in stopped (cumulated conns: FE: 1, BE: 0).", (int)LogLevel.Info)]
    [InlineData("[WARNING]  (10809) : CLI : Proxy <HTTPCLIENT> stopped (cumulated conns: FE: 0, BE: 0).", (int)LogLevel.Info)]
    [InlineData("[WARNING]  (7308) : Current worker (7311) exited with code 0 (Exit)", (int)LogLevel.Warn)]
    [InlineData("[ALERT]    (3430) : config : parsing [main.cfg:36] : unknown keyword", (int)LogLevel.Error)]
    [InlineData("[NOTICE]   (7190) : Server deleted.", (int)LogLevel.Info)]
    public void LevelOf_AdministeredAtInfo_CheckFailureAtWarn(string line, int level)
    {
        // Act / Assert
        HaproxyOutputLine.LevelOf(line).Should().Be((LogLevel)level);
    }
}

using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Tests.Haproxy;

/// <summary>
/// "backend 'b' has no server available!" is the daemon's doing when the server event before it on
/// that backend was a maintenance command (a removed stack emptied at run time): information, not
/// one warning per removed review stack. After a failed check it stays a warning. Lines as HAProxy
/// 2.6, 3.2 and 3.4 print them.
/// </summary>
public sealed class HaproxyNoticeMemoryTests
{
    private const string LastServerToMaintenance = "[WARNING]  (7190) : Server app-r1_web/web_1 is going DOWN for maintenance. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.";
    private const string NoServerLeft = "[ALERT]    (7190) : backend 'app-r1_web' has no server available!";
    private const string CheckDown = "[WARNING]  (7190) : Server app-r1_web/web_1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.";

    [Fact]
    public void LevelOf_NoServerLeftAfterTheDaemonsMaintenance_IsInformation()
    {
        // Arrange
        var memory = new HaproxyNoticeMemory();

        // Act
        var maintenance = memory.LevelOf(LastServerToMaintenance);
        var noServer = memory.LevelOf(NoServerLeft);

        // Assert
        maintenance.Should().Be(LogLevel.Info);
        noServer.Should().Be(LogLevel.Info);
    }

    [Fact]
    public void LevelOf_NoServerLeftAfterAFailedCheck_StaysAWarning()
    {
        // Arrange: maintenance earlier, then a check took the last server down.
        var memory = new HaproxyNoticeMemory();
        memory.LevelOf(LastServerToMaintenance);
        memory.LevelOf(CheckDown).Should().Be(LogLevel.Warn);

        // Act / Assert
        memory.LevelOf(NoServerLeft).Should().Be(LogLevel.Warn);
    }

    [Fact]
    public void LevelOf_NoServerLeftOnAnotherBackend_StaysAWarning()
    {
        // Arrange
        var memory = new HaproxyNoticeMemory();
        memory.LevelOf(LastServerToMaintenance);

        // Act / Assert
        memory.LevelOf("[ALERT]    (7190) : backend 'other_web' has no server available!").Should().Be(LogLevel.Warn);
    }

    [Fact]
    public void LevelOf_SecondNoServerLeft_NeedsAnotherMaintenanceFirst()
    {
        // Arrange
        var memory = new HaproxyNoticeMemory();
        memory.LevelOf(LastServerToMaintenance);
        memory.LevelOf(NoServerLeft);

        // Act / Assert: the memory is used once.
        memory.LevelOf(NoServerLeft).Should().Be(LogLevel.Warn);
    }

    [Fact]
    public void LevelOf_MoreBackendsThanItRemembers_StartsOverWithoutGrowing()
    {
        // Arrange
        var memory = new HaproxyNoticeMemory();
        for (var backend = 0; backend <= HaproxyNoticeMemory.MaxBackends; backend++)
        {
            memory.LevelOf($"[WARNING]  (1) : Server b{backend}/s is going DOWN for maintenance. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
        }

        // Act / Assert: the last one is remembered, the first was let go.
        memory.LevelOf($"[ALERT]    (1) : backend 'b{HaproxyNoticeMemory.MaxBackends}' has no server available!").Should().Be(LogLevel.Info);
        memory.LevelOf("[ALERT]    (1) : backend 'b0' has no server available!").Should().Be(LogLevel.Warn);
    }

    [Theory]
    [InlineData("[ALERT]    (5561) : backend 'c' has no server available!", "c")]
    [InlineData("backend c has no server available!", "c")]
    [InlineData("[WARNING]  (42) : CLI : Server b/s1 is UP (leaving forced drain).", "b")]
    [InlineData("[NOTICE]   (6838) : CLI : Server deleted.", null)]
    [InlineData("[WARNING]  (42) : Proxy app stopped (cumulated conns: FE: 0, BE: 0).", null)]
    public void BackendOf_EventLines_NamesTheBackend(string line, string? backend)
    {
        // Act / Assert
        HaproxyNotice.BackendOf(line).Should().Be(backend);
    }
}

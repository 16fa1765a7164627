using RancherHaproxy.RuntimeApi;

namespace RancherHaproxy.Tests.RuntimeApi;

/// <summary>Reading current sessions per server out of `show stat` CSV, as HAProxy answers it.</summary>
public sealed class RuntimeExecutorTests
{
    private const string Header = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout\n";

    [Fact]
    public void ServerSessions_StatCsv_ListsServersWithCurrentSessions()
    {
        // Arrange
        var csv = Header
            + "stack_a,FRONTEND,,,3,5,,10,0,0\n"
            + "stack_a,web_c1,0,0,2,4,,9,0,0\n"
            + "stack_a,web_c2,0,0,0,1,,1,0,0\n"
            + "stack_a,BACKEND,0,0,2,5,,10,0,0\n\n";

        // Act
        var sessions = RuntimeExecutor.ServerSessions(csv).ToList();

        // Assert
        sessions.Should().Equal(("web_c1", 2), ("web_c2", 0));
    }

    [Fact]
    public void ServerSessions_ShortOrUnparsableLines_Skipped()
    {
        // Arrange
        var csv = Header + "stack_a,web_c1\n" + "stack_a,web_c2,0,0,,1\n" + "Unknown command.\n" + "stack_a,web_c3,0,0,7,7\r\n";

        // Act
        var sessions = RuntimeExecutor.ServerSessions(csv).ToList();

        // Assert
        sessions.Should().Equal(("web_c3", 7));
    }

    [Fact]
    public void ServerSessions_Empty_None() => RuntimeExecutor.ServerSessions(string.Empty).Should().BeEmpty();
}

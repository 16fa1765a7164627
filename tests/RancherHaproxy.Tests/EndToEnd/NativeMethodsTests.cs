using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// The daemon's kill(2), which the end-to-end tests use too: it must bind under the JIT, or every
/// signal test fails for the wrong reason.
/// </summary>
public sealed class NativeMethodsTests
{
    [Fact]
    public void SendSignal_SignalProbeToOwnProcess_Succeeds() =>
        NativeMethods.SendSignal(Environment.ProcessId, NativeMethods.SignalProbe).Should().Be(0);

    [Fact]
    public void SendSignal_TestSignalNumbers_MatchTheDaemons()
    {
        // Arrange / Act
        var numbers = (Kill: (int)UnixSignal.Kill, User1: (int)UnixSignal.User1, User2: (int)UnixSignal.User2, Terminate: (int)UnixSignal.Terminate);

        // Assert
        numbers.Should().Be((NativeMethods.SigKill, NativeMethods.SigUsr1, NativeMethods.SigUsr2, NativeMethods.SigTerm));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void SendSignal_NotASingleProcess_Throws(int pid)
    {
        // Act
        var act = () => NativeMethods.SendSignal(pid, NativeMethods.SignalProbe);

        // Assert
        act.Should().Throw<ArgumentOutOfRangeException>("kill(0) and kill(-1) would signal a process group or everything");
    }
}

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>kill(2) must bind under the JIT too, or every signal test fails for the wrong reason.</summary>
public sealed class NativeMethodsTests
{
    [Fact]
    public void Kill_SignalZeroToOwnProcess_Succeeds() =>
        NativeMethods.Kill(Environment.ProcessId, 0).Should().Be(0);
}

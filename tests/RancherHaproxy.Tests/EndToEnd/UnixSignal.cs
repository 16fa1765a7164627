namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Linux signal numbers the tests send.</summary>
internal enum UnixSignal
{
    Hangup = 1,
    Interrupt = 2,
    Kill = 9,
    User1 = 10,
    User2 = 12,
    Terminate = 15,
}

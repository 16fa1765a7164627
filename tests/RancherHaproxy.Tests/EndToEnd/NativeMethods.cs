using System.Runtime.InteropServices;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>libc's kill(2): Process.Kill only sends SIGKILL, the tests need SIGTERM and SIGINT too.</summary>
internal static partial class NativeMethods
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}

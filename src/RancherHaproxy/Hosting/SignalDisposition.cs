using System.Runtime.InteropServices;

namespace RancherHaproxy.Hosting;

/// <summary>
/// A signal ignored by the parent stays ignored across exec (<c>nohup</c> does it to SIGHUP, and so do
/// some supervisors), and .NET registers no handler for a signal it finds ignored:
/// <see cref="PosixSignalRegistration"/> would then silently do nothing. Restoring the default first
/// makes the registration take.
/// </summary>
internal static partial class SignalDisposition
{
    /// <summary>SIGHUP: the manual resync.</summary>
    public const int SigHup = 1;

    /// <summary>SIG_DFL.</summary>
    private const nint DefaultAction = 0;

    /// <summary>Sets <paramref name="signal"/> back to its default action (it fails only for an invalid signal number).</summary>
    public static void RestoreDefault(int signal) => SetHandler(signal, DefaultAction);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetHandler(int signal, nint handler);
}

using System.Runtime.InteropServices;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// The libc calls the HAProxy control needs (and chown, for what its unprivileged workers reach). <c>[LibraryImport]</c> is source-generated (no
/// reflection) and the csproj's <c>DirectPInvoke</c> binds <c>kill</c> at link time.
/// </summary>
internal static partial class NativeMethods
{
    /// <summary>Signal 0 sends nothing: it only asks whether the process exists.</summary>
    public const int SignalProbe = 0;

    /// <summary>SIGKILL: cannot be caught.</summary>
    public const int SigKill = 9;

    /// <summary>SIGUSR1: HAProxy's master stops gracefully (listeners close, requests finish).</summary>
    public const int SigUsr1 = 10;

    /// <summary>SIGUSR2: HAProxy's master reloads. Its default action kills a process that has no handler yet.</summary>
    public const int SigUsr2 = 12;

    /// <summary>SIGTERM: HAProxy's master stops at once.</summary>
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; 0 on success, else the errno.</summary>
    public static int SendSignal(int pid, int signal)
    {
        if (pid <= 0)
        {
            // kill(0) and kill(-1) address process groups or everything: never what is meant here.
            throw new ArgumentOutOfRangeException(nameof(pid), pid, "A single process id is required.");
        }

        return Kill(pid, signal) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Gives <paramref name="path"/> to group <paramref name="groupId"/>, its owner unchanged; 0 on success, else the errno.</summary>
    public static int ChangeGroup(string path, uint groupId) =>
        ChangeOwner(path, uint.MaxValue, groupId) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>chown(2); an id of -1 (uint.MaxValue) leaves that id as it is.</summary>
    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChangeOwner(string path, uint ownerId, uint groupId);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

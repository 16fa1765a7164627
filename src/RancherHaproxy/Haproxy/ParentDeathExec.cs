using System.Globalization;
using System.Runtime.InteropServices;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// Starts HAProxy so that it cannot outlive the daemon. .NET cannot run code between fork and exec,
/// so the daemon starts its own executable with <see cref="Argument"/>: that process asks the kernel
/// for SIGTERM when its parent dies (PR_SET_PDEATHSIG, kept across exec and across the master's own
/// re-exec on reload), then becomes HAProxy through execvp. Were the daemon killed with SIGKILL, the
/// master stops and its workers with it: no orphan serving stale routes.
/// </summary>
internal static unsafe partial class ParentDeathExec
{
    public const string Argument = "--exec-with-parent-death-signal";

    private const int PrSetParentDeathSignal = 1;
    private const int SigTerm = 15;

    /// <summary>The arguments that make <paramref name="launcherPath"/> exec <paramref name="command"/>.</summary>
    public static IEnumerable<string> Wrap(string launcherPath, string command, IEnumerable<string> arguments) =>
        [launcherPath, Argument, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), command, .. arguments];

    /// <summary>The launcher side: `--exec-with-parent-death-signal &lt;parent pid&gt; &lt;command&gt; [args…]`.</summary>
    public static int Run(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 2 || !int.TryParse(arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
        {
            Console.Error.WriteLine($"usage: rancher-haproxy {Argument} <parent pid> <command> [arguments…]");
            return 2;
        }

        if (Prctl(PrSetParentDeathSignal, SigTerm, 0, 0, 0) != 0)
        {
            Console.Error.WriteLine($"prctl(PR_SET_PDEATHSIG) failed: errno {Marshal.GetLastPInvokeError()}");
            return 126;
        }

        if (GetParentPid() != parent)
        {
            // The daemon died before the request took effect: nothing to run for.
            return 1;
        }

        var argv = new nint[arguments.Count];
        for (var index = 1; index < arguments.Count; index++)
        {
            argv[index - 1] = Marshal.StringToCoTaskMemUTF8(arguments[index]);
        }

        fixed (nint* pointer = argv)
        {
            Execvp(arguments[1], pointer);
        }

        Console.Error.WriteLine($"cannot run {arguments[1]}: errno {Marshal.GetLastPInvokeError()}");
        return 127;
    }

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentPid();

    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execvp(string file, nint* argv);
}

using System.ComponentModel;
using System.Diagnostics;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// HAProxy's master as one child process: started once, its output lines forwarded to the log
/// (and kept in <see cref="Output"/>), and one exit task. Knows nothing of reloads or stops; those
/// are <see cref="HaproxyController"/>'s protocol on top of it.
/// </summary>
internal sealed partial class HaproxyProcess : IDisposable
{
    /// <summary>How long HAProxy's output may trail the master's exit before <see cref="Exited"/> completes.</summary>
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly Logger _outputLogger;
    private readonly HaproxyNoticeMemory _notices = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile int _id;

    /// <param name="command">The program and its arguments (<see cref="HaproxyCommandLine"/>).</param>
    /// <param name="environment">Variables set on top of the daemon's own environment.</param>
    /// <param name="outputLogger">Where the output lines go: [ALERT] as error, [WARNING] as warn, the rest as info.</param>
    public HaproxyProcess(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, Logger outputLogger)
    {
        var startInfo = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        HaproxyEnvironment.ApplyTo(startInfo.Environment, environment);

        _process = new Process { StartInfo = startInfo };
        _outputLogger = outputLogger;
    }

    /// <summary>The process id once started; it stays after the exit.</summary>
    public int? Id => _id > 0 ? _id : null;

    /// <summary>The last lines the process printed, for error messages that quote HAProxy.</summary>
    public RecentOutput Output { get; } = new(capacity: 200);

    /// <summary>
    /// Completes with the exit code once the process has exited and its output has drained (or
    /// <see cref="OutputDrainTimeout"/> has passed); faults with a <see cref="HaproxyException"/>
    /// when the process could not be started.
    /// </summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>
    /// Starts the process, once, from a dedicated thread that then waits for its exit: the kernel's
    /// parent-death signal (<see cref="ParentDeathExec"/>) fires when the thread that forked the child
    /// ends, so that must not be a pool thread that may retire. Returns the pid.
    /// </summary>
    /// <exception cref="HaproxyException">The program cannot be started.</exception>
    public Task<int> StartAsync()
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Run(started)) { IsBackground = true, Name = "haproxy-master" };
        thread.Start();
        return started.Task;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> while the process is our unreaped child, so its pid cannot have
    /// been recycled: 0 when sent, else the errno; null when it is not running (nothing is sent).
    /// </summary>
    public int? Signal(int signal) =>
        _id > 0 && !_process.HasExited ? NativeMethods.SendSignal(_id, signal) : null;

    public void Dispose() => _process.Dispose();

    private void Run(TaskCompletionSource<int> started)
    {
        try
        {
            _process.Start();
        }
        catch (Win32Exception exception)
        {
            var failure = new HaproxyException($"Cannot start {_process.StartInfo.FileName}: {exception.Message}", exception);
            _exited.TrySetException(failure);
            started.TrySetException(failure);
            return;
        }

        _id = _process.Id;
        var output = Task.WhenAll(ForwardLinesAsync(_process.StandardOutput), ForwardLinesAsync(_process.StandardError));
        started.TrySetResult(_id);
        while (!_process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            // The timed overload returns at exit without waiting for the output pipes, which
            // HAProxy's workers share and may hold a little longer: those are waited for below, bounded.
        }

        output.Wait(OutputDrainTimeout);
        _exited.TrySetResult(_process.ExitCode);
    }
}

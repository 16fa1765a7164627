using System.Diagnostics;
using System.Globalization;
using System.Text;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// The published native daemon (out/rancher-haproxy) run with exactly the environment a test built
/// — nothing inherited. Captures stdout and stderr line by line. Disposing SIGKILLs it and every
/// HAProxy of this test still alive, then writes everything it printed to the test output.
/// </summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<DaemonLogLine> _lines = [];
    private readonly Lock _gate = new();
    private readonly string _marker;
    private readonly ITestOutputHelper _output;

    private DaemonProcess(Process process, IReadOnlyDictionary<string, string> environment, string marker, ITestOutputHelper output)
    {
        _process = process;
        Environment = environment;
        _marker = marker;
        _output = output;
    }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<DaemonLogLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public int LineCount
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>The HAProxy master's pid from <c>$HAPROXY_RUN_DIR/haproxy.pid</c>, or null while there is none.</summary>
    public int? MasterPid
    {
        get
        {
            var path = Path.Combine(Environment["HAPROXY_RUN_DIR"], "haproxy.pid");
            try
            {
                var text = File.ReadAllText(path).Trim().Split('\n')[0];
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <param name="marker">A path unique to the test (its temp directory) that HAProxy's command line contains.</param>
    /// <param name="launcher">A command that runs the daemon (e.g. <c>unshare --pid --fork</c>): the daemon's path is its last argument.</param>
    public static DaemonProcess Start(IReadOnlyDictionary<string, string> environment, string marker, ITestOutputHelper output, IReadOnlyList<string>? launcher = null)
    {
        var startInfo = new ProcessStartInfo(launcher?[0] ?? RepositoryPaths.DaemonBinary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = marker,
        };
        foreach (var argument in launcher?.Skip(1).Append(RepositoryPaths.DaemonBinary) ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var daemon = new DaemonProcess(process, environment, marker, output);
        process.OutputDataReceived += (_, line) => daemon.Append(line.Data, fromStandardError: false);
        process.ErrorDataReceived += (_, line) => daemon.Append(line.Data, fromStandardError: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return daemon;
    }

    /// <summary>Sends a signal to the daemon (not to HAProxy) with kill(2).</summary>
    public void Signal(UnixSignal signal)
    {
        var errno = NativeMethods.SendSignal(_process.Id, (int)signal);
        if (errno != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {errno}");
        }
    }

    /// <summary>The exit code, once the daemon has exited; a <see cref="TimeoutException"/> if it has not within <paramref name="timeout"/>.</summary>
    /// <remarks>Polls the process itself, then gives the output pipes a bounded moment to drain:
    /// Process.WaitForExitAsync alone would wait as long as an HAProxy that outlived the daemon keeps them open.</remarks>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await Eventually.UntilAsync(() => _process.HasExited, timeout, $"the daemon (pid {_process.Id}) to exit");

        using (var drained = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            // Lets the output readers deliver the last lines; bounded, because an orphan may hold the pipes.
            await _process.WaitForExitAsync(drained.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return _process.ExitCode;
    }

    /// <summary>The first line from index <paramref name="fromIndex"/> on that matches; a <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public async Task<DaemonLogLine> WaitForLineAsync(Func<DaemonLogLine, bool> predicate, TimeSpan timeout, string what, int fromIndex = 0)
    {
        var quietSinceExit = Stopwatch.StartNew();
        var linesAtExit = -1;
        return (await Eventually.UntilAsync(Look, found => found is not null, timeout, $"the daemon to print a line with {what}", _ => $"no such line (exited: {HasExited})"))!;

        DaemonLogLine? Look()
        {
            var lines = Lines;
            var found = lines.Skip(fromIndex).FirstOrDefault(predicate);
            if (found is not null || !HasExited)
            {
                return found;
            }

            if (lines.Count != linesAtExit)
            {
                // Exited: give the output pipes a moment to drain, then look one last time.
                (linesAtExit, quietSinceExit) = (lines.Count, Stopwatch.StartNew());
            }
            else if (quietSinceExit.Elapsed > TimeSpan.FromMilliseconds(100))
            {
                throw new InvalidOperationException($"The daemon exited ({_process.ExitCode}) without printing a line with {what}.");
            }

            return null;
        }
    }

    /// <summary>Waits for a log event <c>&lt;component&gt;: &lt;message&gt;</c> printed at or after <paramref name="fromIndex"/>.</summary>
    public Task<DaemonLogLine> WaitForEventAsync(string component, string message, TimeSpan timeout, int fromIndex = 0) =>
        WaitForLineAsync(line => line.Is(component, message), timeout, $"'{component}: {message}'", fromIndex);

    public int CountEvents(string component, string message, int fromIndex = 0) =>
        Lines.Skip(fromIndex).Count(line => line.Is(component, message));

    public async ValueTask DisposeAsync()
    {
        var masterPid = MasterPid;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        HaproxyProcesses.KillAll(_marker, masterPid);
        using (var drained = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            // Waits for the exit and for the output pipes to close, so every line is captured.
            await _process.WaitForExitAsync(drained.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _output.WriteLine($"--- daemon output (pid {_process.Id}, exit code {_process.ExitCode}) ---");
        foreach (var line in Lines)
        {
            _output.WriteLine(line.ToString());
        }

        _process.Dispose();
    }

    private void Append(string? raw, bool fromStandardError)
    {
        if (raw is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(DaemonLogLine.Parse(raw, fromStandardError));
        }
    }
}

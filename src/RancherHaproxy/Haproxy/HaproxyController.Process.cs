using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Haproxy;

internal sealed partial class HaproxyController
{
    /// <summary>How long HAProxy's output may trail the master's exit before Exited completes.</summary>
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _standardOutputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _standardErrorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _workerPidsGate = new();
    private readonly HashSet<int> _knownWorkerPids = [];
    private Process? _process;
    private volatile bool _stopRequested;
    private volatile bool _ready;

    /// <summary>
    /// Starts the master from a dedicated long-lived thread that also waits for its exit, so the
    /// child never depends on a pool thread, and Exited completes whatever else is going on.
    /// </summary>
    private Task<int> LaunchAsync()
    {
        var launched = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => RunMaster(launched)) { IsBackground = true, Name = "haproxy-master" };
        thread.Start();
        return launched.Task;
    }

    private void RunMaster(TaskCompletionSource<int> launched)
    {
        var process = CreateProcess();
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            var failure = new HaproxyException($"Cannot start {options.BinaryPath}: {exception.Message}", exception);
            process.Dispose();
            _exited.TrySetException(failure);
            launched.TrySetException(failure);
            return;
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        launched.TrySetResult(process.Id);
        while (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            // The timed overload returns at exit without waiting for the output pipes, which
            // HAProxy's workers share and may hold a little longer: those are waited for below, bounded.
        }

        Task.WaitAll([_standardOutputClosed.Task, _standardErrorClosed.Task], OutputDrainTimeout);
        var exitCode = process.ExitCode;
        if (_ready && !_stopRequested)
        {
            Log.ExitedUnexpectedly(logger, process.Id, exitCode);
        }

        _exited.TrySetResult(exitCode);
    }

    private Process CreateProcess()
    {
        var command = options.LauncherPath is null
            ? [options.BinaryPath, .. Arguments()]
            : ParentDeathExec.Wrap(options.LauncherPath, options.BinaryPath, Arguments()).ToArray();
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

        foreach (var (name, value) in options.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => OnOutputLine(line.Data, _standardOutputClosed);
        process.ErrorDataReceived += (_, line) => OnOutputLine(line.Data, _standardErrorClosed);
        return process;
    }

    private string[] Arguments() =>
    [
        "-W",
        "-S", options.MasterSocketPath + ",mode,600",
        "-p", options.PidFilePath,
        "-f", options.MainConfigPath,
        "-f", options.BackendConfigPath,
    ];

    private void OnOutputLine(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        _output.Add(line);
        var text = HaproxyOutputLine.WithoutTag(line);
        switch (HaproxyOutputLine.LevelOf(line))
        {
            case LogLevel.Error:
                _haproxyLogger.Error(text);
                break;
            case LogLevel.Warn:
                _haproxyLogger.Warn(text);
                break;
            default:
                _haproxyLogger.Info(text);
                break;
        }
    }

    /// <summary>Reads <c>show proc</c>; null when the master CLI is unreachable or answers for another master.</summary>
    private async Task<ShowProcStatus?> ReadStatusAsync(int masterPid, CancellationToken cancellationToken)
    {
        var answer = await _cli.TrySendAsync("show proc", cancellationToken).ConfigureAwait(false);
        var status = answer is null ? null : ShowProcParser.Parse(answer);
        if (status is null || status.MasterPid != masterPid)
        {
            return null;
        }

        lock (_workerPidsGate)
        {
            _knownWorkerPids.UnionWith(status.AllWorkerPids);
        }

        return status;
    }

    /// <summary>
    /// Asks the worker itself, through the master (<c>@!pid show info</c>). It answers only once
    /// it has loaded its config: on 3.x a new worker is listed before it has, and may still fail.
    /// </summary>
    private async Task<bool> IsWorkerServingAsync(int workerPid, CancellationToken cancellationToken)
    {
        var pid = workerPid.ToString(CultureInfo.InvariantCulture);
        var answer = await _cli.TrySendAsync("@!" + pid + " show info", cancellationToken).ConfigureAwait(false);
        return answer is not null
            && answer.Split('\n').Any(line => line.Trim().Equals("Pid: " + pid, StringComparison.Ordinal));
    }

    private int[] KnownWorkerPids()
    {
        lock (_workerPidsGate)
        {
            return [.. _knownWorkerPids];
        }
    }
}

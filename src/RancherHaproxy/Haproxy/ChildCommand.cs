using System.Diagnostics;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// Runs a short-lived program to its end and captures what it printed, within a timeout, and
/// releases everything it held: disposing a <see cref="Process"/> leaves redirected streams open once
/// the caller has read them, so every run would otherwise keep two pipe descriptors (and the
/// buffers behind them) until a full garbage collection finalises them.
/// </summary>
internal static class ChildCommand
{
    /// <summary>
    /// Starts <paramref name="startInfo"/> with standard output and error redirected and waits for
    /// its exit. A run past <paramref name="timeout"/> is killed and answers TimedOut; cancellation
    /// of <paramref name="cancellationToken"/> kills it too and is thrown.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started.</exception>
    public static async Task<ChildCommandResult> RunAsync(ProcessStartInfo startInfo, TimeSpan timeout, CancellationToken cancellationToken)
    {
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"{startInfo.FileName} did not start.");
        using var standardOutput = process.StandardOutput;
        using var standardError = process.StandardError;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = standardOutput.ReadToEndAsync(deadline.Token);
        var error = standardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return new ChildCommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false), TimedOut: false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await Task.WhenAll(output, error).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new ChildCommandResult(null, string.Empty, string.Empty, TimedOut: true);
        }
    }
}

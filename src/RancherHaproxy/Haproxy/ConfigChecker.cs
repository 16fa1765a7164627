using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// <c>haproxy -c</c> over the main config and candidate generated files, with the same
/// environment HAProxy runs with — so "${VAR}" expands the same — plus overrides such as
/// <see cref="HaproxyVariables.DomainMap"/> pointing at the candidate map (the main config loads it by that name).
/// </summary>
internal sealed class ConfigChecker(HaproxyOptions options, TimeSpan timeout) : IConfigChecker
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public ConfigChecker(HaproxyOptions options)
        : this(options, DefaultTimeout)
    {
    }

    public async Task<ConfigCheckResult> CheckAsync(
        string backendConfigPath, IReadOnlyDictionary<string, string> environmentOverrides, CancellationToken cancellationToken)
    {
        ChildCommandResult run;
        try
        {
            run = await ChildCommand.RunAsync(StartInfo(backendConfigPath, environmentOverrides), timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception exception)
        {
            throw new HaproxyException($"Cannot run {options.BinaryPath} -c: {exception.Message}", exception);
        }

        if (run.TimedOut)
        {
            var seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return new ConfigCheckResult(false, [$"haproxy -c did not finish within {seconds} s"]);
        }

        var isValid = run.ExitCode == 0;
        return new ConfigCheckResult(isValid, ErrorLines(run.StandardError + "\n" + run.StandardOutput, isValid));
    }

    /// <summary>
    /// HAProxy's alert, warning and error lines. For a rejected config with none of those, every
    /// non-empty line, so that a refusal never comes without words. Password hashes are redacted.
    /// </summary>
    internal static IReadOnlyList<string> ErrorLines(string output, bool isValid)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(HaproxyOutputLine.Redacted).ToArray();
        var problems = lines.Where(HaproxyOutputLine.IsProblem).ToArray();
        return problems.Length > 0 || isValid ? problems : lines;
    }

    private ProcessStartInfo StartInfo(string backendConfigPath, IReadOnlyDictionary<string, string> environmentOverrides)
    {
        var startInfo = new ProcessStartInfo(options.BinaryPath);
        foreach (var argument in (string[])["-c", "-f", options.MainConfigPath, "-f", backendConfigPath])
        {
            startInfo.ArgumentList.Add(argument);
        }

        HaproxyEnvironment.ApplyTo(startInfo.Environment, options.Environment);

        foreach (var (name, value) in environmentOverrides)
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }
}

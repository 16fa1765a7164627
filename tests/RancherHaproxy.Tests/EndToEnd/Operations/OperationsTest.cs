using System.Diagnostics;
using System.Text.RegularExpressions;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>An end-to-end test of the operations endpoints: the harness plus a client of the daemon's HEALTH_PORT.</summary>
public abstract partial class OperationsTest(ITestOutputHelper output) : EndToEndTest(output)
{
    private protected HealthPortClient Health => new(Harness.HealthPort);

    /// <summary>The version the HAProxy under test prints (<c>HAProxy version 3.2.0-… 2025/…</c> → <c>3.2.0-…</c>).</summary>
    private protected static string HaproxyVersion()
    {
        using var process = Process.Start(new ProcessStartInfo(HaproxyBinary.Path, "-v") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var firstLine = process.StandardOutput.ReadLine() ?? string.Empty;
        process.WaitForExit();
        var match = VersionLine().Match(firstLine);
        match.Success.Should().BeTrue("haproxy -v starts with its version ({0})", firstLine);
        return match.Groups["version"].Value;
    }

    /// <summary>Waits until the daemon says its health endpoint is bound (the contract's event).</summary>
    private protected Task<DaemonLogLine> WaitForHealthEndpointAsync() =>
        Harness.Daemon.WaitForEventAsync("daemon", "health endpoint listening", EndToEndHarness.StartTimeout);

    [GeneratedRegex(@"^HA-?Proxy version (?<version>\S+)")]
    private static partial Regex VersionLine();
}

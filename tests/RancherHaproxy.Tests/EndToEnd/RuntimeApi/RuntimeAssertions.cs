namespace RancherHaproxy.Tests.EndToEnd.RuntimeApi;

/// <summary>The checks every no-reload test makes after its change.</summary>
internal static class RuntimeAssertions
{
    public static async Task<Before> StartAsync(EndToEndHarness harness, string stack, string backend, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        await harness.StartDaemonAndWaitForRoutesAsync(overrides);
        var host = EndToEndHarness.HostFor(stack);
        await harness.Probe.EventuallyAsync(host, result => result.Backend == backend, EndToEndHarness.StartTimeout, $"{backend} to answer");
        var workerPid = await MasterSocket.WorkerPidAsync(harness.RunDirectory);
        var connection = await LongConnection.OpenAsync(harness.Probe.Port);
        (await connection.GetAsync(host)).Should().StartWith("backend=");
        return new Before(workerPid, connection, harness.Daemon.LineCount);
    }

    /// <summary>Waits for the daemon to log a runtime apply (reload=false) after <see cref="Before.LinesBefore"/>.</summary>
    public static Task WaitForRuntimeApplyAsync(EndToEndHarness harness, Before before) =>
        harness.Daemon.WaitForLineAsync(
            line => line.Is("sync", "routes applied") && line.Field("reload") == "false",
            EndToEndHarness.ChangeTimeout, "routes applied reload=false", before.LinesBefore);

    public static async Task AssertNoReloadAsync(EndToEndHarness harness, Before before, string stack)
    {
        var applied = await harness.Daemon.WaitForLineAsync(
            line => line.Is("sync", "routes applied"), EndToEndHarness.ChangeTimeout, "routes applied", before.LinesBefore);
        applied.Field("reload").Should().Be("false", "the change was made through the Runtime API");
        int.Parse(applied.Field("runtime_changes") ?? "0", System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        harness.Daemon.CountEvents("haproxy", "reload succeeded", before.LinesBefore).Should().Be(0);
        (await MasterSocket.WorkerPidAsync(harness.RunDirectory)).Should().Be(before.WorkerPid, "the same worker keeps serving");
        (await before.Connection.GetAsync(EndToEndHarness.HostFor(stack))).Should().StartWith("backend=", "the connection opened before the change still gets answers");
    }
}

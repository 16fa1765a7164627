using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>
/// A target file that cannot be replaced (here: a directory took its path; chmod does not stop
/// root): one clear error naming the file, HAProxy untouched, and the retry applies the change once
/// the cause is gone, without a new publish.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class TargetFileFaultTests(ITestOutputHelper output) : EndToEndTest(output)
{
    [Theory(Timeout = 90_000)]
    [InlineData("domain map")]
    [InlineData("backends")]
    public async Task Publish_TargetReplacedByDirectory_ErrorNamesFileOldRoutesServeThenRetryApplies(string target)
    {
        var path = target == "domain map" ? Harness.DomainMapPath : Harness.BackendConfigPath;
        var alpha = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build();
        var beta = ContainerBuilder.RoutedTo("beta", await Harness.StartBackendAsync("beta-1")).Build();
        Harness.Metadata.Publish([alpha]);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SPARE_BACKENDS"] = "0" });
        var masterPid = daemon.MasterPid;
        File.Delete(path);
        Directory.CreateDirectory(path);
        var linesBefore = daemon.LineCount;

        Harness.Metadata.Publish([alpha, beta]);
        var containerReads = Harness.Metadata.RequestCount("/2015-12-19/containers");
        var error = await daemon.WaitForLineAsync(IsWriteFailure, EndToEndHarness.ChangeTimeout, "a write error", linesBefore);
        // Two retries after the error: the daemon has decided on the first of them before it reads again.
        await Harness.Metadata.WaitForRequestsAsync("/2015-12-19/containers", containerReads + 3, TimeSpan.FromSeconds(15));
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1", "the running HAProxy is untouched");
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("beta"))).Status.Should().Be(EndToEndHarness.UnknownHostStatus, "nothing is reloaded while the files cannot be written");
        var errors = daemon.Lines.Skip(linesBefore).Count(IsWriteFailure);
        var reloads = daemon.Lines.Skip(linesBefore).Count(line => line.Component == "haproxy" && line.Message?.StartsWith("reload", StringComparison.Ordinal) == true);

        Directory.Delete(path);
        await Harness.Probe.EventuallyAsync(EndToEndHarness.HostFor("beta"), result => result.Backend == "beta-1", TimeSpan.FromSeconds(10), "beta-1 on the retry after the directory is gone");

        error.Field("error").Should().Contain(path, "the error names the file");
        errors.Should().Be(1, "one error per change of state, not one per retry");
        reloads.Should().Be(0);
        daemon.MasterPid.Should().Be(masterPid);
        daemon.Lines.Skip(linesBefore).Should().Contain(line => line.Is("sync", "config files written again"));
        File.Exists(path).Should().BeTrue();
        (await Harness.Probe.GetAsync(EndToEndHarness.HostFor("alpha"))).Backend.Should().Be("alpha-1");
    }

    private static bool IsWriteFailure(DaemonLogLine line) =>
        line.Level == "error" && line.Component == "sync" && line.Message?.StartsWith("cannot write the config files", StringComparison.Ordinal) == true;
}

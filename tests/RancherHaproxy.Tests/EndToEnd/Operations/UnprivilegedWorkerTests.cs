using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using RancherHaproxy.Tests.EndToEnd.Parity;
using RancherHaproxy.Tests.EndToEnd.ReviewApps;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Operations;

/// <summary>
/// HAPROXY_USER/HAPROXY_GROUP with the daemon as root (the tests run as root): the workers drop to
/// `haproxy` after binding, the master stays root, and routing, the pages, the index, stats, the
/// Runtime API, reloads and TLS all keep working.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class UnprivilegedWorkerTests(ITestOutputHelper output) : EndToEndTest(output)
{
    /// <summary>HAProxy 3.4's start-up warnings about root (without `user`) and about running without `chroot`.</summary>
    private static readonly string[] RootWarnings = ["started as the root user", "without any 'chroot' directive"];

    private static readonly string AlphaHost = EndToEndHarness.HostFor("alpha");
    private static readonly string BetaHost = EndToEndHarness.HostFor("beta");

    [Fact(Timeout = 60_000)]
    public async Task Drop_Default_WorkerRunsAsHaproxyMasterStaysRootEverythingServes()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(IndexPage.Settings(("ENABLE_STATS", "true")));

        var (_, workerUserIds) = await WorkerIdentity.CurrentWorkerAsync(Harness.RunDirectory);
        var routed = await Harness.Probe.GetAsync(AlphaHost);
        var unknown = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("nosuchstack"));
        var index = await Harness.Probe.GetAsync(IndexPage.Host);
        var stats = await GetStatsAsync();

        workerUserIds.Should().AllBeEquivalentTo(WorkerIdentity.HaproxyUserId, "every uid of the worker (real, effective, saved, fs) is haproxy's");
        WorkerIdentity.UserIds(daemon.MasterPid!.Value).Should().AllBeEquivalentTo(0u, "the master stays root");
        routed.Backend.Should().Be("alpha-1");
        unknown.Status.Should().Be(EndToEndHarness.UnknownHostStatus, "the worker reaches the daemon's pages socket");
        index.Status.Should().Be(200);
        index.Body.Should().Contain("alpha");
        stats.Should().Be(200);
        daemon.Lines.Should().Contain(line => line.Component == "daemon" && line.Message == "HAProxy workers drop root after binding" && line.Field("user") == "haproxy");
        daemon.Lines.Should().NotContain(line => RootWarnings.Any(warning => line.Raw.Contains(warning, StringComparison.Ordinal)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Drop_Default_RunDirectoryAndPagesSocketOpenToTheGroupCliSocketsRootOnly()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        var run = Harness.RunDirectory;

        (await StatAsync(run)).Should().Be("root:haproxy 750");
        (await StatAsync(Path.Combine(run, "pages.sock"))).Should().Be("root:haproxy 660");
        (await StatAsync(Path.Combine(run, "admin.sock"))).Should().Be("root:root 600");
        (await StatAsync(Path.Combine(run, "master.sock"))).Should().Be("root:root 600");
    }

    [Fact(Timeout = 90_000)]
    public async Task Drop_RuntimeChangeThenReload_ServedAndTheNewWorkerIsUnprivilegedToo()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var alphaTwo = await Harness.StartBackendAsync("alpha-2");
        var beta = await Harness.StartBackendAsync("beta-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        // No spare backend: a new stack needs a reload.
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SPARE_BACKENDS"] = "0" });
        var firstWorker = await WorkerIdentity.CurrentWorkerAsync(Harness.RunDirectory);

        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha), ContainerBuilder.RoutedTo("alpha", alphaTwo));
        await Harness.Probe.EventuallyAsync(AlphaHost, result => result.Backend == "alpha-2", EndToEndHarness.ChangeTimeout, "the second alpha container");
        var afterRuntime = await WorkerIdentity.CurrentWorkerAsync(Harness.RunDirectory);
        var reloads = daemon.CountEvents("haproxy", "reload succeeded");

        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha), ContainerBuilder.RoutedTo("alpha", alphaTwo), ContainerBuilder.RoutedTo("beta", beta));
        await daemon.WaitForLineAsync(line => line.Is("haproxy", "reload succeeded") && daemon.CountEvents("haproxy", "reload succeeded") > reloads, EndToEndHarness.StartTimeout, "a reload");
        var toBeta = await Harness.Probe.EventuallyAsync(BetaHost, result => result.Backend == "beta-1", EndToEndHarness.ChangeTimeout, "beta after the reload");
        var afterReload = await WorkerIdentity.CurrentWorkerAsync(Harness.RunDirectory);
        var unknown = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("nosuchstack"));

        afterRuntime.Pid.Should().Be(firstWorker.Pid, "a new container goes to the running worker through the Runtime API");
        afterReload.Pid.Should().NotBe(firstWorker.Pid, "a new stack without spare backends reloads");
        afterReload.UserIds.Should().AllBeEquivalentTo(WorkerIdentity.HaproxyUserId);
        toBeta.Backend.Should().Be("beta-1");
        unknown.Status.Should().Be(EndToEndHarness.UnknownHostStatus, "the new worker reaches the pages socket too");
    }

    [Fact(Timeout = 60_000)]
    public async Task Drop_TlsFromCertificateDirectoryAndMetadata_BothServed()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var beta = await Harness.StartBackendAsync("beta-1");
        var fromDirectory = TestCertificate.Create(AlphaHost);
        var fromMetadata = TestCertificate.Create(BetaHost);
        var directory = Harness.Directory.Combine("certs");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "alpha.pem"), fromDirectory.CombinedPem);
        Harness.Metadata.Publish(
            [ContainerBuilder.RoutedTo("alpha", alpha).Build(), ContainerBuilder.RoutedTo("beta", beta).Build()],
            TlsMetadataTests.Service(fromMetadata.CertificatePem, fromMetadata.KeyPem));
        await Harness.StartDaemonAndWaitForRoutesAsync(TlsMetadataTests.Tls(("HAPROXY_SSL_CERT_DIR", directory)));
        var httpsPort = int.Parse(Harness.Daemon.Environment["HTTPS_PORT"], CultureInfo.InvariantCulture);

        var toBeta = await TlsProbe.EventuallyAsync(BetaHost, httpsPort, result => result.Thumbprint == fromMetadata.Thumbprint, EndToEndHarness.StartTimeout, "the metadata certificate");
        var toAlpha = await TlsProbe.GetAsync(AlphaHost, httpsPort);
        var (_, workerUserIds) = await WorkerIdentity.CurrentWorkerAsync(Harness.RunDirectory);

        toBeta.Backend.Should().Be("beta-1");
        toAlpha.Thumbprint.Should().Be(fromDirectory.Thumbprint);
        toAlpha.Backend.Should().Be("alpha-1");
        workerUserIds.Should().AllBeEquivalentTo(WorkerIdentity.HaproxyUserId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Drop_RunDirectoryInsideAClosedDirectory_WarnsNamingIt()
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var closed = Harness.Directory.Combine("closed");
        Directory.CreateDirectory(closed);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["HAPROXY_RUN_DIR"] = Path.Combine(closed, "run") });

        var unknown = await Harness.Probe.GetAsync(EndToEndHarness.HostFor("nosuchstack"));

        daemon.Lines.Should().ContainSingle(line => line.Level == "warn" && line.Raw.Contains("HAProxy workers may not reach the run directory", StringComparison.Ordinal))
            .Which.Field("directory").Should().Be(closed);
        unknown.Status.Should().Be(503, "the workers cannot reach pages.sock: HAProxy answers itself");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("root")]
    [InlineData("0")]
    public async Task UserRoot_WorkersStayRootWithOneWarning(string user)
    {
        var alpha = await Harness.StartBackendAsync("alpha-1");
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", alpha));
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["HAPROXY_USER"] = user });

        var (_, workerUserIds) = await WorkerIdentity.CurrentWorkerAsync(Harness.RunDirectory);
        var routed = await Harness.Probe.GetAsync(AlphaHost);

        workerUserIds.Should().AllBeEquivalentTo(0u);
        routed.Backend.Should().Be("alpha-1");
        daemon.Lines.Where(line => line.Level == "warn" && line.Message == "HAProxy workers run as root").Should().ContainSingle()
            .Which.Field("variable").Should().Be("HAPROXY_USER");
    }

    [Theory(Timeout = 30_000)]
    [InlineData("HAPROXY_USER", "no-such-user-rh14")]
    [InlineData("HAPROXY_GROUP", "no-such-group-rh14")]
    public async Task UnknownUserOrGroup_ExitsTwoNamingTheVariable(string variable, string value)
    {
        var daemon = Harness.StartDaemon(new Dictionary<string, string?> { [variable] = value });

        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        exitCode.Should().Be(2);
        daemon.Lines.Should().Contain(line => line.Component == "settings" && line.Level == "error" && line.Field("variable") == variable);
        HaproxyProcesses.Find(Harness.Directory.Path).Should().BeEmpty("nothing started");
    }

    /// <summary>`owner:group mode` of a path, as stat(1) prints them.</summary>
    private static async Task<string> StatAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("stat", ["-c", "%U:%G %a", path]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text.Trim();
    }

    private async Task<int> GetStatsAsync()
    {
        var port = int.Parse(Harness.Daemon.Environment["STATS_PORT"], CultureInfo.InvariantCulture);
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("haproxy:haproxy")));
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}

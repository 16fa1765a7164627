using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Faults;

/// <summary>
/// Secrets stay secret: sockets and the certificate are owner-only, the stats page wants its
/// credentials, and neither the stats password nor any line of the TLS key ever reaches the output.
/// </summary>
[Collection(EndToEndCollections.First)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class SecretTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const string Password = "s3cret-XYZ";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact(Timeout = 60_000)]
    public async Task Sockets_InRunDirectory_AreMode0600()
    {
        Harness.Metadata.Publish(ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        foreach (var socket in new[] { "master.sock", "admin.sock" })
        {
            var path = Path.Combine(Harness.RunDirectory, socket);
            File.Exists(path).Should().BeTrue("{0} exists", socket);
            (File.GetUnixFileMode(path) & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit)).Should().Be(OwnerOnly, "{0} is mode 0600", socket);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Output_StatsPasswordAndTlsKeyFromMetadata_NeverLoggedAndFilesOwnerOnly()
    {
        var (certificate, key) = SelfSigned();
        var service = MetadataObjects.Service("lb", "haproxy", new JsonObject { ["ssl_cert"] = certificate, ["ssl_key"] = key });
        Harness.Metadata.Publish([ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build()], service);
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?>
        {
            ["ENABLE_STATS"] = "true",
            ["STATS_PASSWORD"] = Password,
            ["ENABLE_SSL"] = "true",
            ["LOG_LEVEL"] = "debug",
        });
        var pem = Harness.Directory.Combine("server.pem");
        await Eventually.UntilAsync(() => File.Exists(pem) && File.ReadAllText(pem).Contains(certificate.Split('\n')[1], StringComparison.Ordinal), EndToEndHarness.ChangeTimeout, "the certificate from metadata to be installed");
        var stats = int.Parse(daemon.Environment["STATS_PORT"], CultureInfo.InvariantCulture);
        var anonymous = await StatsStatusAsync(stats, null);
        var wrong = await StatsStatusAsync(stats, "haproxy:haproxy");
        var authorised = await StatsStatusAsync(stats, "haproxy:" + Password);
        var linesBefore = daemon.LineCount;
        daemon.Signal(UnixSignal.Hangup);
        // The resync cycle logs its payloads at debug; it is over once it decided the routes did not change.
        await daemon.WaitForEventAsync("sync", "resync requested (SIGHUP): reading metadata now", EndToEndHarness.ChangeTimeout, linesBefore);
        await daemon.WaitForEventAsync("sync", "metadata changed, routes did not", EndToEndHarness.ChangeTimeout, linesBefore);
        daemon.Signal(UnixSignal.Terminate);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20));

        File.GetUnixFileMode(pem).Should().Be(OwnerOnly, "the certificate with its key is mode 0600");
        anonymous.Should().Be(401);
        wrong.Should().Be(401);
        authorised.Should().Be(200);
        var secrets = key.Split('\n').Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)).Append(Password).ToList();
        foreach (var line in daemon.Lines)
        {
            foreach (var secret in secrets)
            {
                line.Raw.Should().NotContain(secret, "no secret is ever logged, even at debug level");
            }
        }
    }

    private static (string Certificate, string Key) SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=alpha.e2e.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem() + "\n", rsa.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private static async Task<int> StatsStatusAsync(int port, string? credentials)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}

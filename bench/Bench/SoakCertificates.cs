using System.Text.Json.Nodes;
using RancherHaproxy.Tests.EndToEnd;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Bench;

/// <summary>The load balancer's service as metadata shows it, with a wildcard certificate for the bench domain: a new one per generation.</summary>
internal static class SoakCertificates
{
    private const string KeyStart = "-----BEGIN PRIVATE KEY-----";

    public static JsonObject Service(int generation)
    {
        var combined = CertificateBuilder.CombinedPem(DateTimeOffset.UtcNow, TimeSpan.FromDays(30 + generation), $"*.{BenchDaemon.Domain}", BenchDaemon.Domain);
        var keyAt = combined.IndexOf(KeyStart, StringComparison.Ordinal);
        return MetadataObjects.Service("lb", "haproxy", new JsonObject
        {
            ["ssl_cert"] = combined[..keyAt],
            ["ssl_key"] = combined[keyAt..],
        });
    }
}

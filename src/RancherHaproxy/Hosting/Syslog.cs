using RancherHaproxy.Configuration;
using RancherHaproxy.Discovery;
using RancherHaproxy.Logging;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Hosting;

/// <summary>
/// Where HAProxy sends its logs: SYSLOG_HOST; else, as the original image did, the host's agent IP
/// from metadata (/self/host/agent_ip, asked once at start, briefly); else stdout. HAProxy's
/// environment is fixed at start, so an agent IP learned later does not move the logs.
/// </summary>
internal static class Syslog
{
    public const string Stdout = "stdout";

    private static readonly TimeSpan AgentIpTimeout = TimeSpan.FromSeconds(2);

    public static async Task<string> ResolveTargetAsync(Settings settings, IMetadataSource? source, Logger log, CancellationToken cancellationToken)
    {
        if (settings.SyslogHost is not null)
        {
            log.Info("request logs go to syslog", ("target", settings.SyslogHost), ("facility", settings.SyslogFacility));
            return settings.SyslogHost;
        }

        var agentIp = source is null ? null : await TryReadAgentIpAsync(source, cancellationToken).ConfigureAwait(false);
        if (agentIp is not null)
        {
            log.Info("request logs go to syslog on the host's agent IP", ("target", agentIp), ("facility", settings.SyslogFacility));
            return agentIp;
        }

        log.Info("request logs go to stdout (no SYSLOG_HOST, no agent_ip in metadata)");
        return Stdout;
    }

    private static async Task<string?> TryReadAgentIpAsync(IMetadataSource source, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AgentIpTimeout);
        try
        {
            var value = await source.ReadHostAgentIpAsync(timeout.Token).ConfigureAwait(false);
            return RoutingValidation.TryFormatAddress(value, out var address) && !address.StartsWith('[') ? address : null;
        }
        catch (Exception exception) when (exception is MetadataException or OperationCanceledException)
        {
            return null;
        }
    }
}

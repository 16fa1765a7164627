using RancherHaproxy.Configuration;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Pages;
using RancherHaproxy.Rendering;
using RancherHaproxy.Sync;

namespace RancherHaproxy.Hosting;

/// <summary>The daemon's pages (answers and index): the files HAProxy reads for them, and the model the sync loop feeds.</summary>
internal static class PageHosting
{
    /// <summary>
    /// The network lists (INDEX_ALLOW, ALLOW_CIDRS, AUTH_BYPASS_CIDRS, ACCEPT_PROXY_FROM; the shipped
    /// config loads each, so an unset one is an empty file); an empty stack map and auth map when none
    /// exists yet (DISABLE_METADATA).
    /// </summary>
    public static void WriteFiles(Settings settings)
    {
        WriteList(HaproxyEnvironment.IndexAllowPath(settings), settings.ReviewApps.IndexAllow);
        WriteList(HaproxyEnvironment.AllowListPath(settings), settings.Auth.AllowCidrs);
        WriteList(HaproxyEnvironment.AuthBypassListPath(settings), settings.Auth.BypassCidrs);
        WriteList(HaproxyEnvironment.AcceptProxyListPath(settings), settings.Auth.AcceptProxyFrom);
        if (!File.Exists(settings.StackMap))
        {
            File.WriteAllText(settings.StackMap, StackMapRenderer.Render(Routing.RoutingTable.Empty));
        }

        if (!File.Exists(settings.Auth.AuthMap))
        {
            File.WriteAllText(settings.Auth.AuthMap, AuthMapRenderer.Render(Routing.RoutingTableBuilder.EmptyTable(ComponentOptions.Routing(settings))));
        }
    }

    private static void WriteList(string path, IReadOnlyList<string> networks) =>
        File.WriteAllText(path, networks.Count == 0 ? string.Empty : string.Join('\n', networks) + "\n");

    /// <summary>Follows the loop's applied routes; with discovery off there is nothing to wait for: no stack, loaded.</summary>
    public static PagePublisher Publisher(Settings settings, SyncLoop? loop)
    {
        var links = PageLinks.For(settings.Tls.Enabled, settings.Tls.Redirect, settings.HttpPort, settings.HttpsPort);
        var publisher = new PagePublisher(links, TimeProvider.System);
        if (loop is null)
        {
            publisher.Publish([]);
        }
        else
        {
            loop.RoutesApplied += result => publisher.Publish(result.Stacks);
        }

        return publisher;
    }
}

using RancherHaproxy.Configuration;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Pages;
using RancherHaproxy.Rendering;
using RancherHaproxy.Sync;

namespace RancherHaproxy.Hosting;

/// <summary>The daemon's pages (answers and index): the files HAProxy reads for them, and the model the sync loop feeds.</summary>
internal static class PageHosting
{
    /// <summary>The INDEX_ALLOW list; an empty stack map when none exists yet (DISABLE_METADATA), since the shipped config loads it.</summary>
    public static void WriteFiles(Settings settings)
    {
        File.WriteAllText(HaproxyEnvironment.IndexAllowPath(settings), string.Join('\n', settings.ReviewApps.IndexAllow) + "\n");
        if (!File.Exists(settings.StackMap))
        {
            File.WriteAllText(settings.StackMap, StackMapRenderer.Render(Routing.RoutingTable.Empty));
        }
    }

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

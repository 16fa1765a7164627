using RancherHaproxy.Logging;

namespace RancherHaproxy.Discovery;

/// <summary>The metadata client's log lines, in one place.</summary>
internal sealed partial class MetadataClient
{
    private static class Log
    {
        public static void StillWaiting(Logger logger, Uri url, TimeSpan waited, TimeSpan timeout) =>
            logger.Warn("metadata is slow to answer; changes wait for it", ("url", url),
                ("waited_s", Seconds(waited)), ("gives_up_after_s", Seconds(timeout)));

        public static void AnsweredSlowly(Logger logger, Uri url, TimeSpan elapsed) =>
            logger.Info("metadata answered slowly", ("url", url), ("seconds", Seconds(elapsed)));

        public static void SelfServiceMissing(Logger logger, Uri url) =>
            logger.Warn("this load balancer's own service is not in metadata: aliases and TLS from its service metadata are not applied", ("url", url), ("status", 404),
                ("why", "metadata answers a container by its IP; run the load balancer as a Rancher service on the managed network, not standalone or with network_mode: host"));

        public static void SelfServiceFound(Logger logger, Uri url) =>
            logger.Info("this load balancer's own service is in metadata again", ("url", url));

        private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
    }
}

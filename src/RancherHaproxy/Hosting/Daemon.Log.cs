using RancherHaproxy.Configuration;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Hosting;

/// <summary>The daemon's start-up line: every effective setting, never a password or key.</summary>
internal static partial class Daemon
{
    private static class Log
    {
        /// <summary>The settings line, then the warnings about them.</summary>
        public static void Start(Logger logger, Settings settings)
        {
            Settings(logger, settings);
            DefaultStatsPassword(logger, settings);
            DuplicateUsers(logger, settings);
            Workers(logger, settings.Workers);
        }

        /// <summary>Whom HAProxy's workers run as; root by choice (or for want of a `haproxy` user) is worth a warning.</summary>
        private static void Workers(Logger logger, WorkerSettings workers)
        {
            switch (workers.Mode)
            {
                case WorkerMode.Drop:
                    logger.Info("HAProxy workers drop root after binding", ("user", workers.User), ("group", workers.Group), ("uid", workers.UserId), ("gid", workers.GroupId));
                    break;
                case WorkerMode.Root:
                    logger.Warn("HAProxy workers run as root", ("variable", "HAPROXY_USER"), ("reason", workers.Reason));
                    break;
                default:
                    logger.Info("the daemon does not run as root; HAProxy workers run as its user, nothing to drop");
                    break;
            }
        }

        private static void Settings(Logger logger, Settings settings) =>
            logger.Info(
                "starting",
                ("stack_domain", settings.StackDomain),
                ("label", settings.RancherLabel),
                ("proxy_label", settings.RancherProxyLabel),
                ("metadata", settings.MetadataFile ?? (settings.DisableMetadata ? "disabled" : $"http://{settings.MetadataHost}/{settings.MetadataVersion}")),
                ("poll_interval_s", settings.PollInterval.TotalSeconds),
                ("health_filter", settings.HealthFilter),
                ("config", settings.HaproxyConfig),
                ("backends", settings.BackendConfig),
                ("map", settings.DomainMap),
                ("run_dir", settings.RunDirectory),
                ("haproxy", settings.HaproxyBinary),
                ("http_port", settings.HttpPort),
                ("https_port", settings.HttpsPort),
                ("ssl", settings.Tls.Enabled),
                ("ssl_redirect", settings.Tls.Redirect),
                ("stats", settings.Stats.Enabled),
                ("stats_port", settings.StatsPort),
                ("health_port", settings.Health.Port),
                ("health_address", settings.Health.Address),
                ("shutdown_delay_s", settings.Health.ShutdownDelay.TotalSeconds),
                ("syslog", settings.SyslogHost ?? "agent_ip-or-stdout"),
                ("log_level", settings.LogLevel.ToString().ToLowerInvariant()),
                ("auth_users", settings.Auth.Users.Count),
                ("auth_default", settings.Auth.Default ? "on" : "off"),
                ("auth_opt_out", settings.Auth.AllowOptOut),
                ("auth_bypass", Networks(settings.Auth.BypassCidrs)),
                ("allow", Networks(settings.Auth.AllowCidrs)),
                ("accept_proxy_from", Networks(settings.Auth.AcceptProxyFrom)),
                ("auth_forward", settings.Auth.Forward),
                ("auth_map", settings.Auth.AuthMap));

        /// <summary>Names only: a user defined twice at start keeps its first definition.</summary>
        private static void DuplicateUsers(Logger logger, Settings settings)
        {
            foreach (var name in settings.Auth.DuplicateUsers)
            {
                logger.Warn("user defined twice; the first definition wins", ("user", name));
            }
        }

        private static string Networks(IReadOnlyList<string> networks) => networks.Count == 0 ? "none" : string.Join(',', networks);

        private static void DefaultStatsPassword(Logger logger, Settings settings)
        {
            if (settings.Stats.Enabled && settings.Stats.Password == "haproxy")
            {
                logger.Warn("the stats page uses the default password; set STATS_PASSWORD", ("stats_port", settings.StatsPort));
            }
        }
    }
}

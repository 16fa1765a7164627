using RancherHaproxy.Configuration;
using RancherHaproxy.Logging;
using RancherHaproxy.Sync;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Hosting;

/// <summary>The certificate checks (ENABLE_SSL only): expiry and hosts no certificate covers, after each apply and hourly.</summary>
internal static class CertificateChecks
{
    /// <summary>The watch, also the <see cref="ICertificateReport"/> of /status and /metrics; null without ENABLE_SSL.</summary>
    public static CertificateWatch? Create(Settings settings, CertificateOptions certificates, Logger log) =>
        settings.Tls.Enabled ? new CertificateWatch(new CertificateFiles(certificates, settings.CrtList), log, TimeProvider.System) : null;

    /// <summary>Once the first certificate list is written: checks it now, after every apply of <paramref name="loop"/>, and hourly.</summary>
    public static void Follow(CertificateWatch? watch, SyncLoop? loop)
    {
        if (watch is null)
        {
            return;
        }

        if (loop is not null)
        {
            loop.RoutesApplied += watch.RoutesApplied;
        }

        watch.Start();
    }
}

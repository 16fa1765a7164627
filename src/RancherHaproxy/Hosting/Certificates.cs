using RancherHaproxy.Configuration;
using RancherHaproxy.Logging;
using RancherHaproxy.Output;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Hosting;

/// <summary>
/// TLS at start-up: is HAPROXY_SSL_CERT the user's (mounted, used as is) or the daemon's (built from
/// service metadata), and the placeholder certificate HAProxy can start with until a real one is known.
/// </summary>
internal static class Certificates
{
    public static CertificateOptions? Prepare(Settings settings, Logger log)
    {
        var mounted = settings.Tls.Enabled && IsUsersCertificate(settings.Tls.CertificatePath);
        var options = ComponentOptions.Certificates(settings, mounted);
        var placeholderPath = options.PlaceholderPath;
        if (!settings.Tls.Enabled)
        {
            return options;
        }

        try
        {
            Directory.CreateDirectory(settings.RunDirectory);
            AtomicFileWriter.WriteCandidate(placeholderPath, PlaceholderCertificate.Pem, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            AtomicFileWriter.Commit(placeholderPath);
        }
        catch (IOException exception)
        {
            log.Error("cannot write the placeholder certificate", ("error", exception.Message));
            return null;
        }

        log.Info(mounted ? "TLS certificate: HAPROXY_SSL_CERT exists and is used as is" : "TLS certificate: built from service metadata ssl_cert and ssl_key",
            ("path", settings.Tls.CertificatePath), ("cert_dir", settings.Tls.CertificateDirectory));
        return options;
    }

    /// <summary>A file that exists and does not start with the daemon's header was put there by the user.</summary>
    private static bool IsUsersCertificate(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            using var reader = new StreamReader(path);
            return reader.ReadLine() != CertificatePlanner.ManagedHeader;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}

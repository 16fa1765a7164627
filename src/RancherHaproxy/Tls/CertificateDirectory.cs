namespace RancherHaproxy.Tls;

/// <summary>
/// The PEM files of HAPROXY_SSL_CERT_DIR, sorted. A file whose name a certificate list cannot hold, or
/// without a private key (a CA certificate, say), is skipped with a problem naming it.
/// </summary>
internal static class CertificateDirectory
{
    public static IReadOnlyList<string> List(string? directory, List<string> problems)
    {
        if (directory is null)
        {
            return [];
        }

        try
        {
            var files = new List<string>();
            foreach (var path in Directory.EnumerateFiles(directory, "*.pem").Order(StringComparer.Ordinal))
            {
                if (Path.GetFileName(path).Any(character => char.IsWhiteSpace(character) || char.IsControl(character) || character is '"' or '\'' or '#' or '$' or '\\'))
                {
                    problems.Add($"HAPROXY_SSL_CERT_DIR file {Path.GetFileName(path).Replace('\n', '?')} has a name a certificate list cannot hold; skipped");
                    continue;
                }

                if (!ContainsPrivateKey(path))
                {
                    problems.Add($"HAPROXY_SSL_CERT_DIR file {Path.GetFileName(path)} holds no private key (a server certificate PEM needs one); skipped");
                    continue;
                }

                files.Add(path);
            }

            return files;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add($"HAPROXY_SSL_CERT_DIR {directory} cannot be read: {exception.Message}");
            return [];
        }
    }

    private static bool ContainsPrivateKey(string path)
    {
        var info = new FileInfo(path);
        return info.Length < 1024 * 1024 && PemShape.IsPrivateKey(File.ReadAllText(path));
    }
}

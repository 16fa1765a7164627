namespace RancherHaproxy.Tls;

/// <summary>
/// Reads the certificates HAProxy loads: every path of the crt-list (HAPROXY_CRT_LIST, written by
/// the daemon) but the placeholder, each PEM's first certificate. A file is parsed again only when
/// its size or time changed. Not thread-safe: <see cref="CertificateWatch"/> calls it under its gate.
/// </summary>
internal sealed class CertificateFiles(CertificateOptions options, string crtListPath)
{
    /// <summary>Larger than any PEM chain; a bigger file is not read (HAPROXY_SSL_CERT_DIR skips them too).</summary>
    public const long MaxPemBytes = 1024 * 1024;

    public const string MetadataName = "metadata";

    private readonly Dictionary<string, (long Length, DateTime Written, CertificateFile File)> _cache = new(StringComparer.Ordinal);

    public IReadOnlyList<CertificateFile> Read()
    {
        var paths = CrtListPaths();
        var files = paths.Select(ReadCached).ToList();
        foreach (var stale in _cache.Keys.Except(paths, StringComparer.Ordinal).ToList())
        {
            _cache.Remove(stale);
        }

        return files;
    }

    /// <summary>The metric label: `metadata` for the PEM the daemon writes from service metadata, else the file name.</summary>
    public string NameOf(string path) =>
        path == options.CertificatePath && !options.CertificateMounted ? MetadataName : Path.GetFileName(path);

    private List<string> CrtListPaths()
    {
        try
        {
            return File.ReadLines(crtListPath)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#') && line != options.PlaceholderPath)
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private CertificateFile ReadCached(string path)
    {
        var name = NameOf(path);
        try
        {
            var info = new FileInfo(path);
            if (_cache.TryGetValue(path, out var cached) && cached.Length == info.Length && cached.Written == info.LastWriteTimeUtc)
            {
                return cached.File;
            }

            var file = info.Length > MaxPemBytes
                ? new CertificateFile(name, null, $"larger than {MaxPemBytes} bytes")
                : Parse(name, File.ReadAllText(path));
            _cache[path] = (info.Length, info.LastWriteTimeUtc, file);
            return file;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new CertificateFile(name, null, exception.Message);
        }
    }

    private static CertificateFile Parse(string name, string pem)
    {
        var summary = CertificateReader.TryRead(pem, out var error);
        return summary is null
            ? new CertificateFile(name, null, error)
            : new CertificateFile(name, new CertificateFacts(name, summary.Subject, summary.DnsNames, summary.NotAfter), null);
    }
}

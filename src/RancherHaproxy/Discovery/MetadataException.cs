using System.Text.RegularExpressions;

namespace RancherHaproxy.Discovery;

/// <summary>The metadata source could not be read or answered garbage; the message names the URL or file.</summary>
internal sealed partial class MetadataException : Exception
{
    public MetadataException()
    {
    }

    public MetadataException(string message)
        : base(message)
    {
    }

    public MetadataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MetadataException(string message, MetadataErrorKind kind, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>What kind of failure it is (the metrics count them by kind).</summary>
    public MetadataErrorKind Kind { get; }

    /// <summary>
    /// The message without its URLs: one outage fails on /version and on /containers alike (and the
    /// long-poll URL carries the last version), yet it is one state to log once.
    /// </summary>
    public string State => UrlPattern().Replace(Message, "<url>");

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}

namespace RancherHaproxy.Discovery;

/// <summary>The metadata source could not be read or answered garbage; the message names the URL or file.</summary>
internal sealed class MetadataException : Exception
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
}

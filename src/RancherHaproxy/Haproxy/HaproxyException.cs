namespace RancherHaproxy.Haproxy;

/// <summary>HAProxy could not be started or controlled; the message carries HAProxy's own lines.</summary>
internal sealed class HaproxyException : Exception
{
    public HaproxyException()
    {
    }

    public HaproxyException(string message)
        : base(message)
    {
    }

    public HaproxyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

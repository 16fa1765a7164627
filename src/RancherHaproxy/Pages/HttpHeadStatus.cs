namespace RancherHaproxy.Pages;

/// <summary>How reading a request head ended.</summary>
internal enum HttpHeadStatus
{
    /// <summary>The client closed before sending a whole head (or anything at all).</summary>
    Closed,

    /// <summary>No empty line within the head limit.</summary>
    TooLarge,

    Complete,
}

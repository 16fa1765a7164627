namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Ways the fake metadata server can misbehave, switched at run time by a test.</summary>
internal enum MetadataFault
{
    /// <summary>Behaves like rancher-metadata v0.10.4.</summary>
    None,

    /// <summary>Like Rancher ≤ 1.1: <c>wait=true</c> is ignored and every request answers at once.</summary>
    NoLongPoll,

    /// <summary>A fresh metadata container whose answers have not loaded: 404 for everything.</summary>
    NotFound,

    /// <summary>HTTP 500 for everything.</summary>
    ServerError,

    /// <summary>Accepts the request and never answers until the fault changes or the server stops.</summary>
    Hang,
}

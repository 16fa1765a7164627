namespace RancherHaproxy.Discovery;

/// <summary>Why a metadata read failed, for <c>rancher_haproxy_metadata_errors_total{kind}</c>.</summary>
internal enum MetadataErrorKind
{
    /// <summary>No connection, a reset, a missing or unreadable file.</summary>
    Unreachable,

    /// <summary>No whole answer within the request's deadline.</summary>
    Timeout,

    /// <summary>An answer with a status other than 200.</summary>
    HttpStatus,

    /// <summary>An answer that is not the JSON expected (or too large to read).</summary>
    Invalid,
}

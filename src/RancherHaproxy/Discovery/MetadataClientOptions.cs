namespace RancherHaproxy.Discovery;

/// <summary>Where the metadata service is and how to poll it.</summary>
/// <param name="Host">RANCHER_API_HOST, host or host:port.</param>
/// <param name="ApiVersion">RANCHER_API_VERSION, e.g. 2015-12-19.</param>
/// <param name="PollInterval">Polling period for a server that does not long-poll.</param>
/// <param name="LongPollWait">maxWait of each long-poll (the server caps it at 120 s).</param>
/// <param name="MaxAnswerBytes">A larger /containers answer is refused rather than read.</param>
internal sealed record MetadataClientOptions(
    string Host,
    string ApiVersion,
    TimeSpan PollInterval,
    TimeSpan LongPollWait,
    long MaxAnswerBytes)
{
    /// <summary>
    /// How long one request may take, from sending it to the end of the body; a long-poll gets
    /// LongPollWait more. 10 s, like Rancher's own Go client: the service answers from memory, so a
    /// read that takes longer is stuck, and a new request does better than waiting on it.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A request still unanswered this long (past a long-poll's own wait) is logged as slow.</summary>
    public TimeSpan SlowAnswerAfter { get; init; } = TimeSpan.FromSeconds(3);
}

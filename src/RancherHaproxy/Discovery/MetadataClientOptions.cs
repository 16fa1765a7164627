namespace RancherHaproxy.Discovery;

/// <summary>Where the metadata service is and how to poll it.</summary>
/// <param name="Host">RANCHER_API_HOST, host or host:port.</param>
/// <param name="ApiVersion">RANCHER_API_VERSION, e.g. 2015-12-19.</param>
/// <param name="PollInterval">Polling period for a server that does not long-poll.</param>
/// <param name="LongPollWait">maxWait of each long-poll (the server caps it at 120 s).</param>
/// <param name="ReadHostAgentIp">Also read /self/host/agent_ip (the default syslog target).</param>
/// <param name="MaxAnswerBytes">A larger /containers answer is refused rather than read.</param>
internal sealed record MetadataClientOptions(
    string Host,
    string ApiVersion,
    TimeSpan PollInterval,
    TimeSpan LongPollWait,
    bool ReadHostAgentIp,
    long MaxAnswerBytes)
{
    /// <summary>How long one request may take, from sending it to the end of the body; a long-poll gets LongPollWait more.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

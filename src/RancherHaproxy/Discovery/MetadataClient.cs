using System.Text.Json;
using RancherHaproxy.Discovery.Dto;
using RancherHaproxy.Logging;

namespace RancherHaproxy.Discovery;

/// <summary>
/// The Rancher metadata service over HTTP: long-polls /version, then fetches /containers and the
/// daemon's own service metadata. Follows reference/rancher-metadata.md: asks for JSON explicitly,
/// ignores Content-Type (the server says text/plain), takes `null` for an empty list.
/// </summary>
internal sealed partial class MetadataClient : IMetadataSource
{
    /// <summary>The server caps long-polls at 120 s and answers up to 5 s late (its wake-up tick).</summary>
    public static readonly TimeSpan DefaultLongPollWait = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan LongPollGrace = TimeSpan.FromSeconds(15);

    /// <summary>The server wakes long-polls on a 5 s tick: a wait may end that much after maxWait.</summary>
    private static readonly TimeSpan LongPollTick = TimeSpan.FromSeconds(5);

    private readonly Uri _baseUri;
    private readonly ContainerJson _json;
    private readonly MetadataClientOptions _options;
    private readonly Logger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Operations.Heartbeat? _heartbeat;

    /// <summary>Whether the last read found the load balancer's own service missing; null before the first.</summary>
    private bool? _selfServiceMissing;

    /// <param name="heartbeat">Beaten each time a wait comes round (a long-poll that ran its time, a poll): the loop is alive while it waits.</param>
    public MetadataClient(MetadataClientOptions options, ContainerJson json, Logger logger, TimeProvider timeProvider, Operations.Heartbeat? heartbeat = null)
    {
        _heartbeat = heartbeat;
        _options = options;
        _json = json;
        _logger = logger;
        _timeProvider = timeProvider;
        _baseUri = new Uri($"http://{options.Host}/{options.ApiVersion}/");
    }

    public string Description => _baseUri.ToString();

    /// <summary>The longest a long-poll may take before it fails: its wait plus the server's grace.</summary>
    public static TimeSpan LongPollTimeout(MetadataClientOptions options) => options.LongPollWait + LongPollGrace;

    public async Task<string> WaitForChangeAsync(string? lastVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            var started = _timeProvider.GetTimestamp();
            var version = await GetVersionAsync(lastVersion, cancellationToken).ConfigureAwait(false);
            _heartbeat?.Beat();
            if (version != lastVersion)
            {
                return version;
            }

            // The same value back: either the long-poll ran its time (poll again at once), or this
            // server does not long-poll and answered at once; then poll every POLL_INTERVAL.
            if (_timeProvider.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
            {
                await Task.Delay(_options.PollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<MetadataSnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        // The service metadata is asked for while /containers streams in: two small GETs that took
        // a few milliseconds after it, one after the other. /containers is asked for first, so the
        // service starts on the answer the change waits for.
        var started = _timeProvider.GetTimestamp();
        using var serviceCancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var containersRead = GetContainersAsync(cancellationToken);
        var serviceRead = GetServiceMetadataAsync(serviceCancelled.Token);
        (List<ContainerDto> Containers, TimeSpan Head, StreamReadTimes Read) answer;
        try
        {
            answer = await containersRead.ConfigureAwait(false);
        }
        catch
        {
            // The containers' error is the one to report; the service read is not waited for.
            await serviceCancelled.CancelAsync().ConfigureAwait(false);
            _ = serviceRead.ContinueWith(task => task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }

        var (containers, head, read) = answer;
        var containersDone = _timeProvider.GetTimestamp();
        var service = await serviceRead.ConfigureAwait(false);
        var body = _timeProvider.GetElapsedTime(started, containersDone) - head;
        return new MetadataSnapshot(containers, service, HostAgentIp: null)
        {
            Timings = new FetchTimings(head, read.Waiting, body - read.Waiting, _timeProvider.GetElapsedTime(containersDone), read.Bytes),
        };
    }

    private async Task<string> GetVersionAsync(string? lastVersion, CancellationToken cancellationToken)
    {
        var maxWait = (int)Math.Ceiling(_options.LongPollWait.TotalSeconds);
        var path = lastVersion is null
            ? "version"
            : $"version?wait=true&value={Uri.EscapeDataString(lastVersion)}&maxWait={maxWait}";
        var (timeout, expected) = lastVersion is null
            ? (_options.RequestTimeout, TimeSpan.Zero)
            : (_options.LongPollWait + LongPollGrace, _options.LongPollWait + LongPollTick);
        return await WithDeadlineAsync(path, timeout, expected, async token =>
        {
            using var body = await GetAsync(path, token).ConfigureAwait(false);
            return DecodeScalar(await ReadSmallBodyAsync(body, path, token).ConfigureAwait(false));
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task<(List<ContainerDto> Containers, TimeSpan Head, StreamReadTimes Read)> GetContainersAsync(CancellationToken cancellationToken) =>
        WithDeadlineAsync("containers", _options.RequestTimeout, TimeSpan.Zero, ReadContainersAsync, cancellationToken);

    /// <summary>The containers, with the time to the answer's head and what reading its body took.</summary>
    private async Task<(List<ContainerDto> Containers, TimeSpan Head, StreamReadTimes Read)> ReadContainersAsync(CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        using var body = await GetAsync("containers", cancellationToken).ConfigureAwait(false);
        var head = _timeProvider.GetElapsedTime(started);
        try
        {
            await using var limited = new LimitedReadStream(body.Body, _options.MaxAnswerBytes);
            var times = new StreamReadTimes(_timeProvider);
            return (await _json.Stream.ReadAsync(limited, times, cancellationToken).ConfigureAwait(false), head, times);
        }
        catch (Exception exception) when (exception is JsonException or IOException)
        {
            throw new MetadataException($"GET {new Uri(_baseUri, "containers")} gave an unreadable answer: {exception.Message}", MetadataErrorKind.Invalid, exception);
        }
    }

    private async Task<ServiceMetadata> GetServiceMetadataAsync(CancellationToken cancellationToken)
    {
        var text = await GetOptionalAsync("self/service/metadata", cancellationToken).ConfigureAwait(false);
        var serviceMissing = text is null && await GetOptionalAsync("self/service", cancellationToken).ConfigureAwait(false) is null;
        ReportSelfService(serviceMissing);
        if (text is null)
        {
            return ServiceMetadata.Empty;
        }

        try
        {
            return ServiceMetadataParser.Parse(JsonSerializer.Deserialize(text, MetadataJsonContext.Default.JsonElement));
        }
        catch (JsonException exception)
        {
            throw new MetadataException($"GET {new Uri(_baseUri, "self/service/metadata")} gave invalid JSON: {exception.Message}", MetadataErrorKind.Invalid, exception);
        }
    }

    /// <summary>
    /// A service without metadata is ordinary; a load balancer whose own service is not in metadata
    /// at all loses its aliases and TLS settings silently unless this says so, once per change.
    /// </summary>
    private void ReportSelfService(bool missing)
    {
        if (missing == _selfServiceMissing)
        {
            return;
        }

        if (missing)
        {
            Log.SelfServiceMissing(_logger, Url("self/service"));
        }
        else if (_selfServiceMissing == true)
        {
            Log.SelfServiceFound(_logger, Url("self/service"));
        }

        _selfServiceMissing = missing;
    }

    public async Task<string?> ReadHostAgentIpAsync(CancellationToken cancellationToken)
    {
        var text = await GetOptionalAsync("self/host/agent_ip", cancellationToken).ConfigureAwait(false);
        return text is null ? null : DecodeScalar(text);
    }

    private static string DecodeScalar(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('"'))
        {
            try
            {
                return JsonSerializer.Deserialize(trimmed, MetadataJsonContext.Default.String) ?? string.Empty;
            }
            catch (JsonException)
            {
                // Not JSON after all: compare the raw text.
            }
        }

        return trimmed;
    }
}

using System.Net;
using System.Text;

namespace RancherHaproxy.Discovery;

/// <summary>The HTTP plumbing: per-call timeouts and errors that name the URL.</summary>
internal sealed partial class MetadataClient
{
    private const int MaxSmallBodyBytes = 1024 * 1024;

    private async Task<PlainHttpResponse> GetAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(path, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            var hint = status == 404 ? " (the service answers 404 until its answers are loaded)" : string.Empty;
            throw new MetadataException($"GET {Url(path)} answered HTTP {status}{hint}", MetadataErrorKind.HttpStatus);
        }

        return response;
    }

    /// <summary>The body of a key that may be missing: null on 404.</summary>
    private Task<string?> GetOptionalAsync(string path, CancellationToken cancellationToken) =>
        WithDeadlineAsync(path, _options.RequestTimeout, TimeSpan.Zero, async token =>
        {
            using var response = await SendAsync(path, token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new MetadataException($"GET {Url(path)} answered HTTP {(int)response.StatusCode}", MetadataErrorKind.HttpStatus);
            }

            return await ReadSmallBodyAsync(response, path, token).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// One request, from sending it to the end of its body, within <paramref name="timeout"/>: a server
    /// stuck mid-answer fails like one that never answers, instead of hanging the sync loop for good.
    /// Past <paramref name="expected"/> plus <see cref="MetadataClientOptions.SlowAnswerAfter"/> a
    /// warning says that routes are waiting on it, and the answer's time is logged when it comes.
    /// </summary>
    private async Task<T> WithDeadlineAsync<T>(
        string path, TimeSpan timeout, TimeSpan expected, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var slowAfter = expected + _options.SlowAnswerAfter;
        var started = _timeProvider.GetTimestamp();
        using var slowWarning = _timeProvider.CreateTimer(
            _ => Log.StillWaiting(_logger, Url(path), slowAfter, timeout), null, slowAfter, Timeout.InfiniteTimeSpan);
        try
        {
            var answer = await request(deadline.Token).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started);
            if (elapsed >= slowAfter)
            {
                Log.AnsweredSlowly(_logger, Url(path), elapsed);
            }

            return answer;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetadataException($"GET {Url(path)} did not answer within {timeout.TotalSeconds:0.#} s", MetadataErrorKind.Timeout);
        }
    }

    private async Task<PlainHttpResponse> SendAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await PlainHttpClient.GetAsync(Url(path), "application/json", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException)
        {
            throw new MetadataException($"GET {Url(path)} failed: {exception.Message}", MetadataErrorKind.Unreachable, exception);
        }
    }

    private static async Task<string> ReadSmallBodyAsync(PlainHttpResponse response, string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var limited = new LimitedReadStream(response.Body, MaxSmallBodyBytes);
            using var reader = new StreamReader(limited, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw new MetadataException($"reading the answer to GET {path} failed: {exception.Message}", MetadataErrorKind.Unreachable, exception);
        }
    }

    private Uri Url(string path) => new(_baseUri, path);
}

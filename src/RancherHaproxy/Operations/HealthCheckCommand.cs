using System.Globalization;
using System.Net;
using RancherHaproxy.Configuration;
using RancherHaproxy.Discovery;

namespace RancherHaproxy.Operations;

/// <summary>
/// <c>rancher-haproxy healthcheck</c>, for Docker's HEALTHCHECK (the image has no curl): GET
/// <c>/readyz</c> on 127.0.0.1:HEALTH_PORT within 2 s; exit 0 on 200, else 1, with one line saying why.
/// Reads HEALTH_PORT only, before (and instead of) the settings.
/// </summary>
internal static class HealthCheckCommand
{
    public const string Argument = "healthcheck";

    public const int ExitReady = 0;

    public const int ExitNotReady = 1;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private const int MaxAnswerBytes = 4096;

    public static async Task<int> RunAsync(string? portValue, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (port, problem) = ParsePort(portValue);
        if (port is null)
        {
            await error.WriteLineAsync(problem).ConfigureAwait(false);
            return ExitNotReady;
        }

        var target = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            using var response = await PlainHttpClient.GetAsync(new Uri($"http://{target}/readyz"), "text/plain", deadline.Token).ConfigureAwait(false);
            using var reader = new StreamReader(new LimitedReadStream(response.Body, MaxAnswerBytes));
            var body = await reader.ReadToEndAsync(deadline.Token).ConfigureAwait(false);
            await output.WriteLineAsync(Describe((int)response.StatusCode, body)).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK ? ExitReady : ExitNotReady;
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            var reason = exception is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : exception.Message;
            await output.WriteLineAsync($"no answer from {target}: {reason}").ConfigureAwait(false);
            return ExitNotReady;
        }
    }

    /// <summary>HEALTH_PORT as the daemon reads it: unset means 1042; 0 (off) or anything else not a port is an error.</summary>
    public static (int? Port, string? Error) ParsePort(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (HealthSettings.DefaultPort, null);
        }

        var text = value.Trim();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return (null, $"healthcheck: HEALTH_PORT must be a port from 1 to 65535, not '{text}'");
        }

        return port == 0 ? (null, "healthcheck: HEALTH_PORT is 0: the health endpoint is off, nothing to ask") : (port, null);
    }

    /// <summary>The line printed for an answer: its first line of text (ready, not ready: …), or the status when it has none.</summary>
    public static string Describe(int status, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var line = body.Split('\n', 2)[0].Trim();
        return line.Length > 0 ? line : string.Create(CultureInfo.InvariantCulture, $"HTTP {status}");
    }
}

using System.Globalization;
using System.Text.Json;

namespace RancherHaproxy.Discovery;

/// <summary>
/// Local mode (METADATA_FILE): the same JSON the service serves, `{"containers": [...], "self": {...}}`,
/// read from a file and read again whenever its modification time or size changes.
/// </summary>
/// <param name="heartbeat">Beaten at each check of the file: the loop is alive while it waits for a change.</param>
internal sealed class MetadataFile(string path, ContainerJson json, TimeSpan checkInterval, TimeProvider timeProvider, Operations.Heartbeat? heartbeat = null)
    : IMetadataSource
{
    public string Description => path;

    public async Task<string> WaitForChangeAsync(string? lastVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            var version = CurrentVersion();
            heartbeat?.Beat();
            if (version != lastVersion)
            {
                return version;
            }

            await Task.Delay(checkInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<MetadataSnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var document = await JsonSerializer.DeserializeAsync(stream, json.Document, cancellationToken)
                .ConfigureAwait(false);
            return new MetadataSnapshot(
                ContainerList.WithoutNulls(document?.Containers),
                ServiceMetadataParser.Parse(document?.Self?.Service?.Metadata),
                document?.Self?.Host?.AgentIp);
        }
        catch (JsonException exception)
        {
            throw new MetadataException($"{path} is not valid metadata JSON: {exception.Message}", MetadataErrorKind.Invalid, exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new MetadataException($"{path} cannot be read: {exception.Message}", MetadataErrorKind.Unreachable, exception);
        }
    }

    public async Task<string?> ReadHostAgentIpAsync(CancellationToken cancellationToken) =>
        (await FetchAsync(cancellationToken).ConfigureAwait(false)).HostAgentIp;

    private string CurrentVersion()
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new MetadataException($"{path} does not exist", MetadataErrorKind.Unreachable);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{info.LastWriteTimeUtc.Ticks}:{info.Length}");
    }
}

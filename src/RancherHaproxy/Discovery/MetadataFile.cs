using System.Globalization;
using System.Text.Json;

namespace RancherHaproxy.Discovery;

/// <summary>
/// Local mode (METADATA_FILE): the same JSON the service serves, `{"containers": [...], "self": {...}}`,
/// read from a file and read again whenever its modification time or size changes.
/// </summary>
internal sealed class MetadataFile(string path, ContainerJson json, TimeSpan checkInterval, TimeProvider timeProvider) : IMetadataSource
{
    public string Description => path;

    public async Task<string> WaitForChangeAsync(string? lastVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            var version = CurrentVersion();
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
            throw new MetadataException($"{path} is not valid metadata JSON: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new MetadataException($"{path} cannot be read: {exception.Message}", exception);
        }
    }

    public async Task<string?> ReadHostAgentIpAsync(CancellationToken cancellationToken) =>
        (await FetchAsync(cancellationToken).ConfigureAwait(false)).HostAgentIp;

    private string CurrentVersion()
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new MetadataException($"{path} does not exist");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{info.LastWriteTimeUtc.Ticks}:{info.Length}");
    }
}

using System.Text;
using RancherHaproxy.Tests.EndToEnd;

namespace RancherHaproxy.Bench;

/// <summary>Injects one <see cref="SoakFault"/> and undoes it; returns what it did, for the soak's log.</summary>
internal sealed class SoakFaults(SoakWorld world, string mainConfig)
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(5);
    private readonly string _goodConfig = File.ReadAllText(mainConfig);
    private int _certificateGeneration;

    /// <summary>Every fault once, in an order drawn from <paramref name="random"/>; called again for the next round.</summary>
    public static IReadOnlyList<SoakFault> Round(Random random)
    {
        var faults = Enum.GetValues<SoakFault>();
        random.Shuffle(faults);
        return faults;
    }

    public async Task<string> InjectAsync(SoakFault fault)
    {
        switch (fault)
        {
            case SoakFault.MetadataDown:
                await world.DownAsync();
                await Task.Delay(Short);
                await world.UpAsync();
                return "metadata down for 5 s, then back on the same port";
            case SoakFault.ServerErrors:
                world.Metadata.Fault = MetadataFault.ServerError;
                world.Publish();
                await Task.Delay(Short);
                world.Metadata.Fault = MetadataFault.None;
                world.Publish();
                return "HTTP 500 for everything for 5 s";
            case SoakFault.GarbageJson:
                return await RawContainersAsync(Encoding.UTF8.GetBytes("<html>502 Bad Gateway</html>{\"containers\": [oops"), "garbage JSON for /containers for 5 s");
            case SoakFault.TruncatedAnswer:
                var json = world.ContainersJson();
                return await RawContainersAsync(Encoding.UTF8.GetBytes(json[..(json.Length / 2)]), $"/containers truncated to {json.Length / 2} of {json.Length} bytes for 5 s");
            case SoakFault.SlowAnswer:
                world.Metadata.ContainersDelay = TimeSpan.FromSeconds(20);
                world.Publish();
                await Task.Delay(TimeSpan.FromSeconds(20));
                world.Metadata.ContainersDelay = TimeSpan.Zero;
                world.Publish();
                return "/containers answers after 20 s, for 20 s";
            case SoakFault.EmptyContainersOnce:
                return await EmptyOnceAsync();
            case SoakFault.VersionOnly:
                world.Publish();
                return "a new version with nothing else changed";
            case SoakFault.CertificateRotation:
                world.RotateCertificate(++_certificateGeneration);
                return $"certificate rotated in metadata (generation {_certificateGeneration})";
            default:
                await File.WriteAllTextAsync(mainConfig, _goodConfig + "\nbackend soak-broken-edit\n    this-is-not-a-keyword on\n");
                world.Publish();
                await Task.Delay(Short);
                await File.WriteAllTextAsync(mainConfig, _goodConfig);
                world.Publish();
                return "broken edit of the main config for 5 s, then repaired";
        }
    }

    private async Task<string> RawContainersAsync(byte[] body, string what)
    {
        world.Metadata.RawContainersAnswer = body;
        world.Publish();
        await Task.Delay(Short);
        world.Metadata.RawContainersAnswer = null;
        world.Publish();
        return what;
    }

    /// <summary>One answer with no containers: the next one, a moment after the daemon asked, is whole again.</summary>
    private async Task<string> EmptyOnceAsync()
    {
        var path = $"/{MetadataVersions.V2}/containers";
        var before = world.Metadata.RequestCount(path);
        world.Metadata.RawContainersAnswer = "null"u8.ToArray();
        world.Publish();
        try
        {
            await world.Metadata.WaitForRequestsAsync(path, before + 1, TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // The daemon did not ask: the answer was empty for longer. The figures will say what it did.
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300));
        world.Metadata.RawContainersAnswer = null;
        world.Publish();
        return "one empty container list (null), then the whole list again";
    }
}

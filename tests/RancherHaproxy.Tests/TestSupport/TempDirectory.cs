namespace RancherHaproxy.Tests.TestSupport;

/// <summary>A real directory under /tmp, removed with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        // Short names: HAProxy's unix sockets live here and sun_path holds 108 bytes at most.
        Path = Directory.CreateTempSubdirectory("rh-").FullName;

        // 0700 by default: HAProxy's workers, which drop to an unprivileged user, must traverse it to
        // reach the run directory's sockets. What is secret inside keeps its own mode.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; /tmp is cleaned eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // A test made something read-only on purpose.
        }
    }
}

using System.Text;

namespace RancherHaproxy.Output;

/// <summary>
/// Writes a candidate next to its target (same directory, so the rename is atomic), flushed to disk,
/// and renames it into place only when told to. Readers see the old file or the new one, never half.
/// </summary>
internal static class AtomicFileWriter
{
    public const string CandidateSuffix = ".candidate";

    public static string CandidatePath(string target) => target + CandidateSuffix;

    /// <summary>Writes and flushes the candidate; returns its path. Throws <see cref="IOException"/> naming the file.</summary>
    /// <param name="mode">Permissions of a new file (e.g. 0600 for a key); the rename carries them to the target.</param>
    public static string WriteCandidate(string target, string content, UnixFileMode? mode = null)
    {
        var candidate = CandidatePath(target);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            File.Delete(candidate);
            var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (mode is not null && !OperatingSystem.IsWindows())
            {
                streamOptions.UnixCreateMode = mode;
            }

            using (var stream = new FileStream(candidate, streamOptions))
            {
                var bytes = Encoding.UTF8.GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            return candidate;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Discard(target);
            throw new IOException($"cannot write {candidate}: {exception.Message}", exception);
        }
    }

    /// <summary>Renames the candidate over the target.</summary>
    public static void Commit(string target)
    {
        try
        {
            File.Move(CandidatePath(target), target, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot replace {target}: {exception.Message}", exception);
        }
    }

    public static void Discard(string target)
    {
        try
        {
            File.Delete(CandidatePath(target));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing to clean up, or nothing we can do: the next write replaces it.
        }
    }
}

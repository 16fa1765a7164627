using System.Globalization;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>What a process holds, as Linux reports it: open descriptors (<c>/proc/pid/fd</c>) and resident size.</summary>
/// <param name="Descriptors">Entries of <c>/proc/pid/fd</c>.</param>
/// <param name="RssKilobytes">VmRSS, in KiB.</param>
/// <param name="PeakRssKilobytes">VmHWM (the resident size's high-water mark), in KiB.</param>
internal sealed record ProcessResources(int Descriptors, long RssKilobytes, long PeakRssKilobytes)
{
    public static ProcessResources Of(int pid)
    {
        var status = File.ReadLines($"/proc/{pid}/status").ToList();
        return new ProcessResources(
            Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length, Kilobytes(status, "VmRSS:"), Kilobytes(status, "VmHWM:"));
    }

    /// <summary>
    /// As <see cref="Of"/>, once the descriptor count holds still for 200 ms (at most 3 s): right after
    /// "routes applied" the daemon may still be checking the files or talking to the master CLI,
    /// whose pipes and sockets are in flight, not leaked.
    /// </summary>
    public static async Task<ProcessResources> SettledOfAsync(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(3);
        var last = Of(pid);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            var now = Of(pid);
            if (now.Descriptors == last.Descriptors)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Descriptors} fds, VmRSS {RssKilobytes} kB, VmHWM {PeakRssKilobytes} kB");

    private static long Kilobytes(List<string> status, string field)
    {
        var line = status.Single(line => line.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
    }
}

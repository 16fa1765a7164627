using System.Globalization;

namespace RancherHaproxy.Bench;

/// <summary>Issue 15's memory figure: the peak a container's memory limit has to hold.</summary>
internal sealed partial class Report
{
    /// <summary>The peak resident size across the jump to 5,000 containers, in MiB.</summary>
    private const double JumpPeakMegabytes = 30;

    /// <param name="target">Whether the 30 MB target applies (5,000 containers); other sizes are reported.</param>
    public void MemoryJump(MemoryJumpFigures jump, bool target)
    {
        var peak = jump.Rested.PeakRssKilobytes / 1024.0;
        var value = string.Create(CultureInfo.InvariantCulture,
            $"VmHWM {jump.Before.PeakRssKilobytes / 1024.0:0.0} MB before, {peak:0.0} MB after; VmRSS at rest {jump.Before.RssKilobytes / 1024.0:0.0} MB before, {jump.Rested.RssKilobytes / 1024.0:0.0} MB after");
        Line($"peak RSS across a jump from {jump.From} to {jump.To} containers (one answer, {jump.To / 5} stacks)", value,
            target ? $"VmHWM <= {JumpPeakMegabytes:0} MB" : "(reported)", !target || peak <= JumpPeakMegabytes,
            $"that apply: fetch_ms={jump.FetchMilliseconds} ms={jump.ApplyMilliseconds}");
        var changedPeak = jump.Changed.PeakRssKilobytes / 1024.0;
        Line($"peak RSS over {jump.Applies.Count} new stacks among {jump.To} containers, after the jump", string.Create(CultureInfo.InvariantCulture,
            $"VmHWM {changedPeak:0.0} MB, VmRSS {jump.Changed.RssKilobytes / 1024.0:0.0} MB; apply median {Percentile(jump.Applies, 0.5):0.000} s, max {jump.Applies.Max().TotalSeconds:0.000} s"),
            "(reported)", true, "what a memory limit must hold beyond the jump: the routes that run stay while the next answer is read and built");
    }
}

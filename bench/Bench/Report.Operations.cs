using System.Globalization;

namespace RancherHaproxy.Bench;

/// <summary>The health endpoint's figures (issue 14): what a Prometheus scrape costs at 5,000 containers.</summary>
internal sealed partial class Report
{
    /// <summary>A scrape every 15 s must cost next to nothing next to the 0.3 s apply target.</summary>
    private const double ScrapeMilliseconds = 50;

    public void Scrape(MetricsScrape scrape, long rssBefore, long rssAfter, bool target)
    {
        var median = Percentile(scrape.Times, 0.5) * 1000;
        var worst = scrape.Times.Max().TotalMilliseconds;
        var value = string.Create(CultureInfo.InvariantCulture,
            $"median {median:0.0} ms, max {worst:0.0} ms, {scrape.Bytes} bytes ({scrape.Bytes / 1024.0:0.0} KB), {scrape.Failed} not 200");
        var rss = string.Create(CultureInfo.InvariantCulture,
            $"daemon VmRSS {rssBefore / 1024.0:0.0} -> {rssAfter / 1024.0:0.0} MB over the {scrape.Times.Count} scrapes");
        if (target)
        {
            Line($"one {scrape.Path} scrape at 5000 containers / 1000 stacks ({scrape.Times.Count} GETs, fresh connections)", value,
                $"median <= {ScrapeMilliseconds:0} ms, all 200", median <= ScrapeMilliseconds && scrape.Failed == 0, rss);
        }
        else
        {
            Line($"one {scrape.Path} scrape at 5000 containers / 1000 stacks ({scrape.Times.Count} GETs)", value, "(reported)", true, rss);
        }
    }
}

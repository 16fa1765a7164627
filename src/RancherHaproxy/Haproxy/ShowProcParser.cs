using System.Globalization;
using System.Text.RegularExpressions;

namespace RancherHaproxy.Haproxy;

/// <summary>
/// Parses the master CLI's <c>show proc</c> (HAProxy 2.6 and 3.x). Pure: text in, record out.
/// <code>
/// #&lt;PID&gt;          &lt;type&gt;          &lt;reloads&gt;       &lt;uptime&gt;        &lt;version&gt;
/// 3430            master          1 [failed: 0]   0d00h00m06s     2.6.12-1+deb12u4
/// # workers
/// 3539            worker          0               0d00h00m01s     2.6.12-1+deb12u4
/// # old workers
/// 3433            worker          1               0d00h00m06s     2.6.12-1+deb12u4
/// # programs
/// </code>
/// 3.x prints "# programs" only when there are programs, and after a failed reload lists the
/// still-serving worker under "# old workers" with "# workers" empty.
/// </summary>
internal static partial class ShowProcParser
{
    private enum Section
    {
        Master,
        Workers,
        OldWorkers,
        Other,
    }

    /// <summary>The parsed status, or null when the text holds no master line (e.g. a cut-off answer).</summary>
    public static ShowProcStatus? Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Match? master = null;
        var workers = new List<WorkerProcess>();
        var oldWorkers = new List<WorkerProcess>();
        var section = Section.Master;
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('#'))
            {
                section = SectionOf(line, section);
                continue;
            }

            if (section == Section.Master && master is null && MasterLine().Match(line) is { Success: true } masterMatch)
            {
                master = masterMatch;
            }
            else if (section is Section.Workers or Section.OldWorkers && WorkerLine().Match(line) is { Success: true } worker)
            {
                var target = section == Section.Workers ? workers : oldWorkers;
                target.Add(new WorkerProcess(Number(worker, "pid"), Number(worker, "reloads")));
            }
        }

        return master is null
            ? null
            : new ShowProcStatus(
                Number(master, "pid"),
                Number(master, "reloads"),
                master.Groups["failed"].Success ? Number(master, "failed") : 0,
                master.Groups["version"].Value,
                workers,
                oldWorkers);
    }

    private static Section SectionOf(string header, Section current) => header switch
    {
        "# workers" => Section.Workers,
        "# old workers" => Section.OldWorkers,
        _ when header.StartsWith("#<", StringComparison.Ordinal) => current,
        _ => Section.Other,
    };

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<pid>\d+)\s+master\s+(?<reloads>\d+)(?:\s+\[failed:\s*(?<failed>\d+)\])?\s+\S+\s+(?<version>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex MasterLine();

    [GeneratedRegex(@"^(?<pid>\d+)\s+worker\s+(?<reloads>\d+)(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex WorkerLine();
}

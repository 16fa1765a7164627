using System.Globalization;

namespace RancherHaproxy.Bench;

/// <summary>The processes of this machine as /proc shows them: pid, parent, state, executable name and command line.</summary>
internal sealed record ProcessTable(int Pid, int Parent, char State, string Name, string CommandLine)
{
    public static List<ProcessTable> Read()
    {
        var table = new List<ProcessTable>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                table.Add(new ProcessTable(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), fields[0][0], name, commandLine));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return table;
    }
}

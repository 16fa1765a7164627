using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using RancherHaproxy.Configuration;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.EndToEnd.Parity;

/// <summary>
/// The original image's compose files (examples/*.yml) work unchanged: every environment variable
/// they set is one the README documents, and the daemon's settings loader accepts their values.
/// No daemon: this reads files only.
/// </summary>
public sealed partial class ComposeCompatibilityTests
{
    public static TheoryData<string> ComposeFiles() => [.. FileNames()];

    [Fact]
    public void Examples_ComposeFiles_AtLeastOneSetsEnvironment()
    {
        // Guards the parser: if it found nothing, the theories below would prove nothing.
        var all = FileNames().SelectMany(Environment).ToList();

        all.Select(pair => pair.Key).Should().Contain(["STACK_DOMAIN", "ENABLE_SSL", "RANCHER_LABEL"]);
    }

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    public void ComposeFile_EveryEnvironmentVariable_IsDocumentedInReadme(string file)
    {
        var documented = DocumentedVariables();

        documented.Should().Contain(["STACK_DOMAIN", "STATS_USERNAME", "STATS_PASSWORD", "HAPROXY_SSL_CERT_DIR"], "the README table is parsed");
        Environment(file).Select(pair => pair.Key).Where(name => !documented.Contains(name)).Should().BeEmpty($"{file} must only use documented variables");
    }

    [Theory]
    [MemberData(nameof(ComposeFiles))]
    public void ComposeFile_EnvironmentValues_AcceptedBySettingsLoader(string file)
    {
        var values = Environment(file).ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.Ordinal);
        values.TryAdd("STACK_DOMAIN", "dev.example.com");

        var result = SettingsLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

        result.Errors.Should().BeEmpty($"{file} sets {string.Join(", ", values.Select(pair => $"{pair.Key}={pair.Value}"))}");
    }

    [Fact]
    public void GlobalExample_ComposeFiles_OneInstancePerHostOnPorts80And443WithAHealthCheck()
    {
        // README, "Running on every host": a Rancher global service on the host ports, replaced when /readyz fails.
        var service = Lines("global.docker-compose.yml");
        var rancher = Lines("global.rancher-compose.yml");

        FileNames().Should().Contain(["global.docker-compose.yml", "global.rancher-compose.yml"]);
        service.Should().Contain(["lb:", "io.rancher.scheduler.global: 'true'", "- 80:80/tcp", "- 443:443/tcp"]);
        Environment("global.docker-compose.yml").Select(pair => pair.Key).Should().Contain("STACK_DOMAIN");
        rancher.Should().Contain(["lb:", "health_check:", "port: 1042", "request_line: GET /readyz HTTP/1.0", "strategy: recreate"]);
    }

    /// <summary>A file's lines, trimmed, without comments and blank lines.</summary>
    private static List<string> Lines(string file) =>
        File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "examples", file))
            .Select(line => line.Split(" #")[0].Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

    private static IEnumerable<string> FileNames() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples"), "*.yml").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);

    /// <summary>The <c>environment:</c> entries of a compose file, map form (<c>NAME: value</c>) or list form (<c>- NAME=value</c>).</summary>
    private static List<KeyValuePair<string, string>> Environment(string file)
    {
        var found = new List<KeyValuePair<string, string>>();
        int? blockIndent = null;
        foreach (var raw in File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "examples", file)))
        {
            var line = raw.Split(" #")[0].TrimEnd();
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            if (blockIndent is not null && indent > blockIndent)
            {
                var entry = EntryPattern().Match(line.Trim());
                entry.Success.Should().BeTrue($"{file}: '{line.Trim()}' is a NAME: value or - NAME=value entry");
                found.Add(new(entry.Groups["name"].Value, Unquote(entry.Groups["value"].Value.Trim())));
                continue;
            }

            blockIndent = line.Trim() == "environment:" ? indent : null;
        }

        return found;
    }

    /// <summary>Every backticked name in the first column of the README's settings table.</summary>
    private static HashSet<string> DocumentedVariables()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md")))
        {
            var cells = line.Split('|');
            if (line.StartsWith("| `", StringComparison.Ordinal) && cells.Length > 2)
            {
                names.UnionWith(BacktickPattern().Matches(cells[1]).Select(match => match.Groups[1].Value));
            }
        }

        return names;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '\'' or '"') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex(@"^(?:-\s*)?(?<name>[A-Z_][A-Z0-9_]*)\s*[:=]\s*(?<value>.*)$")]
    private static partial Regex EntryPattern();

    [GeneratedRegex(@"`([A-Z_][A-Z0-9_]*)`")]
    private static partial Regex BacktickPattern();
}

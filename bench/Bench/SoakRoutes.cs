using System.Net.Sockets;
using System.Text;

namespace RancherHaproxy.Bench;

/// <summary>
/// What routes where, as host → endpoints (ip:port), read three ways: from HAProxy's worker through the
/// admin socket (<c>show map</c> + <c>show servers state</c>, servers in drain or maintenance left out),
/// and from the files on disk (domain.map + backends.cfg). Backend names may differ (a spare at run
/// time, the stack's own in the file); what a host reaches may not.
/// </summary>
internal static class SoakRoutes
{
    public static async Task<SortedDictionary<string, SortedSet<string>>> RunningAsync(string adminSocket, string domainMap)
    {
        var map = Parse(await AskAsync(adminSocket, $"show map {domainMap}"), line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var host, var backend] ? (host, backend) : null);
        var servers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var columns = new List<string>();
        foreach (var line in (await AskAsync(adminSocket, "show servers state")).Split('\n'))
        {
            var fields = line.Split(' ');
            if (line.StartsWith("# be_id", StringComparison.Ordinal))
            {
                columns = [.. fields.Skip(1)];
                continue;
            }

            // Servers in drain or maintenance (srv_admin_state not 0) take no new requests.
            if (columns.Count == 0 || line.StartsWith('#') || fields.Length <= columns.IndexOf("srv_port") || fields[columns.IndexOf("srv_admin_state")] != "0")
            {
                continue;
            }

            Add(servers, fields[columns.IndexOf("be_name")], $"{fields[columns.IndexOf("srv_addr")]}:{fields[columns.IndexOf("srv_port")]}");
        }

        return Join(map, servers);
    }

    public static SortedDictionary<string, SortedSet<string>> OnDisk(string domainMap, string backendsFile)
    {
        var map = Parse(File.ReadAllText(domainMap), line => !line.StartsWith('#') && line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var host, var backend] ? (host, backend) : null);
        var servers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var backend = string.Empty;
        foreach (var line in File.ReadLines(backendsFile))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is ["backend", var name, ..])
            {
                backend = name;
            }
            else if (fields is ["server", _, var endpoint, ..] && !fields.Contains("disabled"))
            {
                Add(servers, backend, endpoint);
            }
        }

        return Join(map, servers);
    }

    /// <summary>Lines that differ between two readings, at most <paramref name="limit"/>.</summary>
    public static List<string> Differences(SortedDictionary<string, SortedSet<string>> left, SortedDictionary<string, SortedSet<string>> right, int limit = 6)
    {
        var differences = new List<string>();
        foreach (var host in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
        {
            var a = left.TryGetValue(host, out var l) ? string.Join(",", l) : "-";
            var b = right.TryGetValue(host, out var r) ? string.Join(",", r) : "-";
            if (a != b && differences.Count < limit)
            {
                differences.Add($"{host}: {a} vs {b}");
            }
        }

        return differences;
    }

    public static async Task<string> AskAsync(string socketPath, string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"));
        var answer = new StringBuilder();
        var buffer = new byte[65536];
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0)
        {
            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }

    private static List<(string Host, string Backend)> Parse(string text, Func<string, (string, string)?> line) =>
        [.. text.Split('\n').Select(raw => line(raw.Trim())).OfType<(string, string)>()];

    private static void Add(Dictionary<string, List<string>> servers, string backend, string endpoint)
    {
        if (!servers.TryGetValue(backend, out var list))
        {
            servers[backend] = list = [];
        }

        list.Add(endpoint);
    }

    private static SortedDictionary<string, SortedSet<string>> Join(List<(string Host, string Backend)> map, Dictionary<string, List<string>> servers)
    {
        var routes = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (host, backend) in map)
        {
            if (servers.TryGetValue(backend, out var endpoints) && endpoints.Count > 0)
            {
                routes[host] = new SortedSet<string>(endpoints, StringComparer.Ordinal);
            }
        }

        return routes;
    }
}
